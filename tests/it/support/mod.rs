//! Fixtures shared by every integration test. One module per kind of harness, so a new test
//! finds what it needs here instead of copying it.

/// A fake backend for the effect runtime: scripted answers, every call logged with the clock.
pub mod backend;
/// Raw case-API calls as a user, case and note bodies, waiting for one kind of event.
pub mod cases;
/// The test server over PostgreSQL: the helpers of `server`, each test on a fresh database.
pub mod pg_server;
/// A throwaway PostgreSQL 15 cluster (one per test process) and a fresh database per test.
pub mod postgres;
/// A real `fwc serve` process over a seeded database: kill it, start it again on the same port.
pub mod process;
/// A loopback proxy that slows or cuts the link between the console and the server.
pub mod proxy;
/// The real `fwc` binary in a pseudo-terminal, read through a terminal emulator.
pub mod pty;
/// The reference server in-process on an ephemeral loopback port, with known users.
pub mod server;
/// A slow link: a throttling TCP proxy (bytes per second, delay each way) and shaped pty I/O.
pub mod throttle;
/// Deterministic console states, records and renders for the screen tests.
pub mod ui;
