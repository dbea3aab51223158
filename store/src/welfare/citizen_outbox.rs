//! The citizens' outbox: messages to a person (one-time codes, convocations, notices) by SMS
//! or e-mail. A service writes a message in the same transaction as what it announces; the
//! server's worker (`server::outbox`) claims, sends and marks each one.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, IntoActiveModel, QueryOrder, QuerySelect, entity::prelude::*};

use super::{Ctx, Writer};
use crate::entity::outbox_message;

/// A message to a citizen waiting in (or sent from) the outbox.
pub use crate::entity::outbox_message::Model as OutboxMessage;

/// Puts a message in the outbox, in the caller's transaction when there is one, so a message
/// leaves if and only if what it announces was stored.
#[allow(clippy::too_many_arguments)]
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    channel: &str,
    recipient: &str,
    subject: &str,
    body: &str,
    purpose: &str,
    convocation_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<outbox_message::Model, DbErr> {
    outbox_message::ActiveModel {
        channel: Set(channel.to_string()),
        recipient: Set(recipient.to_string()),
        subject: Set(subject.chars().take(200).collect()),
        body: Set(body.to_string()),
        purpose: Set(purpose.to_string()),
        convocation_id: Set(convocation_id),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        next_attempt_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Messages due to be sent, oldest first.
pub async fn due_messages<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, DbErr> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Records that a message left; a convocation's message also gets its delivery receipt.
pub async fn mark_sent<C: Writer>(
    db: &C,
    message: &outbox_message::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut active = message.clone().into_active_model();
    active.sent_at = Set(Some(now));
    active.attempts = Set(message.attempts + 1);
    active.last_error = Set(None);
    active.update(db).await?;
    if let (Some(id), Some(channel)) =
        (message.convocation_id, super::Channel::from_code(&message.channel))
    {
        let ctx = Ctx::new(now, "outbox");
        if let Err(error) =
            super::record_receipt(db, &ctx, id, channel, super::ReceiptKind::Delivered).await
        {
            tracing::warn!(%error, convocation = id, "recording a delivery receipt failed");
        }
    }
    Ok(())
}

/// Records a failed attempt; the next one waits longer each time (1, 2, 4… minutes, up to an hour).
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    message: &outbox_message::Model,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attempts = message.attempts + 1;
    let wait = Duration::minutes(1i64 << attempts.clamp(0, 6));
    let mut active = message.clone().into_active_model();
    active.attempts = Set(attempts);
    active.last_error = Set(Some(error.chars().take(500).collect()));
    active.next_attempt_at = Set(now + wait);
    active.update(db).await?;
    Ok(())
}

/// The latest messages, newest first (the demo outbox page).
pub async fn recent_messages<C: ConnectionTrait>(
    db: &C,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, DbErr> {
    outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Claims a due message for one sender: moves its next attempt to `now + lease` if nobody
/// else did, so several app servers running the worker send it once. `false`: taken.
pub async fn claim_message<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let claimed = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now + lease))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}
