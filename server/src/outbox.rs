//! The outbox worker: sends what the services put in `outbox_message` (one-time codes,
//! convocations), by SMTP and an SMS gateway, or keeps it for the demo messages page.
//!
//! Messages are written in the same transaction as what they announce; this worker only
//! delivers. Several app servers may run it at once: each message is claimed with a
//! conditional update before it is sent, so it leaves once.

use std::time::Duration;

use base64::Engine;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use store::welfare::citizen_outbox::{self, OutboxMessage};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::config::{EmailSender, MessageSettings, SmsSender};

/// How long a claimed message is left alone by other workers.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);

/// Runs the worker until the process stops.
pub fn spawn(db: DatabaseConnection, settings: MessageSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client =
            reqwest::Client::builder().timeout(Duration::from_secs(15)).build().unwrap_or_default();
        loop {
            if let Err(error) = deliver_due(&db, &settings, &client).await {
                tracing::warn!(%error, "outbox delivery round failed");
            }
            tokio::time::sleep(settings.poll_interval).await;
        }
    })
}

/// Sends every message that is due; returns how many left.
pub async fn deliver_due(
    db: &DatabaseConnection,
    settings: &MessageSettings,
    client: &reqwest::Client,
) -> Result<usize, sea_orm::DbErr> {
    let now = Utc::now();
    let mut sent = 0;
    for message in citizen_outbox::due_messages(db, now, 50).await? {
        if !citizen_outbox::claim_message(db, message.id, now, LEASE).await? {
            continue;
        }
        let result = match message.channel.as_str() {
            "email" => send_email(&settings.email, &message).await,
            "sms" => send_sms(&settings.sms, client, &message).await,
            other => Err(format!("unknown channel {other}")),
        };
        match result {
            Ok(()) => {
                citizen_outbox::mark_sent(db, &message, Utc::now()).await?;
                sent += 1;
            }
            Err(error) => {
                // The recipient is personal data: the log names the message, not the address.
                tracing::warn!(message = message.id, channel = %message.channel, %error, "sending failed");
                citizen_outbox::mark_failed(db, &message, &error, Utc::now()).await?;
            }
        }
    }
    Ok(sent)
}

async fn send_sms(
    sender: &SmsSender,
    client: &reqwest::Client,
    message: &OutboxMessage,
) -> Result<(), String> {
    match sender {
        SmsSender::Demo => Ok(()),
        SmsSender::Http { url, token } => {
            let mut request = client
                .post(url)
                .json(&serde_json::json!({ "to": message.recipient, "text": message.body }));
            if let Some(token) = token {
                request = request.bearer_auth(token.expose());
            }
            let response =
                request.send().await.map_err(|e| format!("SMS gateway unreachable: {e}"))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(format!("SMS gateway answered {}", response.status()))
            }
        }
    }
}

async fn send_email(sender: &EmailSender, message: &OutboxMessage) -> Result<(), String> {
    match sender {
        EmailSender::Demo => Ok(()),
        EmailSender::Smtp { host, port, from } => {
            tokio::time::timeout(Duration::from_secs(30), smtp_send(host, *port, from, message))
                .await
                .map_err(|_| "SMTP relay timed out".to_string())?
        }
    }
}

/// One message over SMTP (RFC 5321) to a relay: EHLO, MAIL, RCPT, DATA, QUIT. The body is
/// base64 so any UTF-8 text passes any relay.
pub async fn smtp_send(
    host: &str,
    port: u16,
    from: &str,
    message: &OutboxMessage,
) -> Result<(), String> {
    let stream = tokio::net::TcpStream::connect((host, port))
        .await
        .map_err(|e| format!("SMTP connect: {e}"))?;
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    async fn reply(
        lines: &mut tokio::io::Lines<BufReader<tokio::net::tcp::OwnedReadHalf>>,
        want: &str,
    ) -> Result<(), String> {
        loop {
            let line = lines
                .next_line()
                .await
                .map_err(|e| format!("SMTP read: {e}"))?
                .ok_or("SMTP closed")?;
            // Multi-line replies have a dash after the code; the last line has a space.
            if line.len() >= 4 && &line[3..4] == "-" {
                continue;
            }
            return if line.starts_with(want) {
                Ok(())
            } else {
                Err(format!("SMTP refused: {line}"))
            };
        }
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let subject = format!("=?UTF-8?B?{}?=", b64.encode(message.subject.as_bytes()));
    let body: Vec<String> = b64
        .encode(message.body.as_bytes())
        .as_bytes()
        .chunks(76)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect();
    let data = format!(
        "From: SIISL <{from}>\r\nTo: <{to}>\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <outbox-{id}@siisl>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{body}\r\n.\r\n",
        to = message.recipient,
        date = Utc::now().to_rfc2822(),
        id = message.id,
        body = body.join("\r\n"),
    );
    reply(&mut lines, "220").await?;
    let steps: [(String, &str); 4] = [
        ("EHLO siisl\r\n".into(), "250"),
        (format!("MAIL FROM:<{from}>\r\n"), "250"),
        (format!("RCPT TO:<{}>\r\n", message.recipient), "25"),
        ("DATA\r\n".into(), "354"),
    ];
    for (command, want) in steps {
        write.write_all(command.as_bytes()).await.map_err(|e| format!("SMTP write: {e}"))?;
        reply(&mut lines, want).await?;
    }
    write.write_all(data.as_bytes()).await.map_err(|e| format!("SMTP write: {e}"))?;
    reply(&mut lines, "250").await?;
    let _ = write.write_all(b"QUIT\r\n").await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A relay that speaks the protocol and keeps what it was given.
    async fn relay() -> (u16, tokio::task::JoinHandle<String>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let task = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 relay ready\r\n").await.unwrap();
            let mut transcript = String::new();
            let mut in_data = false;
            while let Ok(Some(line)) = lines.next_line().await {
                transcript.push_str(&line);
                transcript.push('\n');
                let answer: &[u8] = if in_data {
                    if line == "." {
                        in_data = false;
                        b"250 queued\r\n"
                    } else {
                        continue;
                    }
                } else if line.starts_with("EHLO") {
                    b"250-relay\r\n250 8BITMIME\r\n"
                } else if line == "DATA" {
                    in_data = true;
                    b"354 go ahead\r\n"
                } else if line == "QUIT" {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                } else {
                    b"250 ok\r\n"
                };
                write.write_all(answer).await.unwrap();
            }
            transcript
        });
        (port, task)
    }

    fn message() -> OutboxMessage {
        OutboxMessage {
            id: 7,
            channel: "email".into(),
            recipient: "maria@example.org".into(),
            subject: "SIISL: codice di conferma".into(),
            body: "Il tuo codice è 123456".into(),
            purpose: "otp".into(),
            convocation_id: None,
            created_at: Utc::now(),
            sent_at: None,
            attempts: 0,
            last_error: None,
            next_attempt_at: Utc::now(),
        }
    }

    #[tokio::test]
    async fn smtp_hands_the_message_to_the_relay() {
        let (port, relay) = relay().await;
        smtp_send("127.0.0.1", port, "noreply@siisl.example", &message()).await.unwrap();
        let transcript = relay.await.unwrap();
        assert!(transcript.contains("MAIL FROM:<noreply@siisl.example>"), "{transcript}");
        assert!(transcript.contains("RCPT TO:<maria@example.org>"));
        let encoded =
            base64::engine::general_purpose::STANDARD.encode("Il tuo codice è 123456".as_bytes());
        assert!(transcript.contains(&encoded), "{transcript}");
    }

    #[tokio::test]
    async fn a_refusing_relay_is_an_error() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            stream.write_all(b"554 no service\r\n").await.unwrap();
        });
        let error = smtp_send("127.0.0.1", port, "a@b.c", &message()).await.unwrap_err();
        assert!(error.contains("554"), "{error}");
    }
}
