//! Amazon States Language validation: the checks AWS runs on a definition, reported as its diagnostics.

// The checkers arrive before the rules that call them.
#![allow(dead_code)]

mod syntax;
