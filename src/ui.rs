//! The Yew widget (being written).
