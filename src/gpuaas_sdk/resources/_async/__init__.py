"""The async resource classes, written by hand; `resources/_sync` is generated from them."""
