//! Stage 5, **write**.
