"""schemathesis hooks for `make api-fuzz` (loaded through SCHEMATHESIS_HOOKS).

Besides the bodies schemathesis draws from the OpenAPI document, every operation also gets
bodies in which one string holds text no field may store (NUL, another control character, a
bidirectional override) or one date is absurd (year 1, 1850, 2999). The check
`poisoned_bodies_are_refused` fails the run if such a body is ever accepted.
"""

import re

import schemathesis
from hypothesis import strategies as st

# Always refused, whatever the field (the one rule for text: domain::text).
POISON = ["x\u0000y", "bell\u0007", "esc\u001b[31m", "Via\u202eRoma", "c1\u009b", "\u2066iso\u2069"]
ABSURD_DATES = ["0001-01-01", "1850-06-01", "2999-12-31"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def leaves(value, path=()):
    """Paths of the string leaves of a JSON value."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))


def at(value, path):
    for part in path:
        value = value[part]
    return value


def replaced(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        return [replaced(item, rest, new) if i == head else item for i, item in enumerate(value)]
    return {key: (replaced(item, rest, new) if key == head else item) for key, item in value.items()}


def poisoned(body, path, bad):
    """`body` with the string at `path` made bad: a poison string, or (for a date) an absurd
    date in the same form."""
    original = at(body, path)
    if bad in ABSURD_DATES:
        if not DATE.match(original):
            bad = POISON[0]
        else:
            bad = bad + original[10:]
    return replaced(body, path, bad)


@schemathesis.hook
def flatmap_body(ctx, body):
    paths = list(leaves(body)) if isinstance(body, (dict, list)) else []
    if not paths:
        return st.just(body)
    bad = st.builds(poisoned, st.just(body), st.sampled_from(paths), st.sampled_from(POISON + ABSURD_DATES))
    return st.one_of(st.just(body), bad)


def is_poisoned(value, key=None):
    if isinstance(value, str):
        absurd_date = any(value.startswith(d) for d in ABSURD_DATES) and key is not None
        return any(p in value for p in POISON) or absurd_date
    if isinstance(value, list):
        return any(is_poisoned(item, key) for item in value)
    if isinstance(value, dict):
        return any(is_poisoned(item, name) for name, item in value.items())
    return False


@schemathesis.check
def poisoned_bodies_are_refused(ctx, response, case):
    """A body holding control characters, a bidirectional override or an absurd date is never
    accepted (2xx)."""
    if is_poisoned(case.body) and 200 <= response.status_code < 300:
        raise AssertionError(
            f"a body with text no field may hold, or an absurd date, was accepted: {response.status_code}"
        )
    return None
