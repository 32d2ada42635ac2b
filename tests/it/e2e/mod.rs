//! The real `fwc` binary in a pseudo-terminal, as the investigator meets it.

mod ballistics;
mod cases;
mod console;
mod network;
mod offline_note;
mod review;
mod signin;
mod slow_link;
mod tls_demo;
mod watches;
