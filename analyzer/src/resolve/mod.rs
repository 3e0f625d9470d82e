//! Stage 6, resolution: the static types of Go expressions ([`types`]) and their static values
//! ([`values`]), as far as source shows them. The two need each other (a method's receiver type
//! decides which value a call returns; a constructor's result decides a variable's type), so they
//! form one stage; every later stage resolves through them, never through a name alone.

// A new case of a type or member enum must be decided where it is matched, never fall into
// `_` (a case nobody thought of would become "nothing" rather than "incomplete").
#![deny(clippy::wildcard_enum_match_arm)]

pub(crate) mod types;
pub(crate) mod values;
