//! The console's main loop: terminal events and task replies in, frames out.
//!
//! Input, replies and the minute clock are the only things that wake it; each wake handles
//! everything already queued and then draws once, so an idle console writes nothing.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{Timelike, Utc};
use crossterm::event::EventStream;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::color;
use super::draw::draw;
use super::i18n;
use super::input;
use super::keymap::Keymap;
use super::terminal::{self, FrameWriter, Term, osc52};
use super::theme::Theme;
use crate::api::{ApiClient, ClientConfig};
use crate::app::config::Config;
use crate::app::options::{ColorDepth, ConsoleOptions};
use crate::app::reply::Reply;
use crate::app::runtime::Runtime;
use crate::app::state::{Lang, Level, Notice, State, TraceDefaults};
use crate::app::store::Store;
use crate::app::warning::Warning;
use crate::app::{Action, Effect, init, update};

/// Everything the loop needs besides the state.
struct Console {
    state: State,
    theme: Theme,
    keymap: Keymap,
    runtime: Runtime<ApiClient>,
    frames: FrameWriter<std::io::Stdout>,
}

/// Runs the console until the user quits. Must be called inside a tokio runtime; restores the
/// terminal on every way out, including a panic.
pub async fn run(opts: ConsoleOptions) -> anyhow::Result<()> {
    init_log(&opts.data_dir);
    let (config, mut warnings) = Config::load(&opts.config_dir);
    let lang = opts
        .lang
        .or_else(|| Lang::parse(&config.lang))
        .unwrap_or_else(Lang::from_env);
    let depth = color::detect(
        opts.color_depth
            .or_else(|| ColorDepth::parse(&config.color_depth)),
    );
    let (theme, w) = Theme::load(
        opts.theme.as_deref().unwrap_or(&config.theme),
        &opts.config_dir,
        depth,
    );
    warnings.extend(w);
    let (keymap, w) = Keymap::from_config(&config.keys, &config.user_bindings);
    warnings.extend(w);

    let timeout = opts
        .timeout
        .unwrap_or(Duration::from_secs(config.timeout_secs.max(1)));
    let client = ApiClient::new(ClientConfig {
        trace_url: opts.trace_url.clone(),
        case_url: opts.case_url.clone(),
        token: opts.token.clone(),
        timeout,
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut server_key = format!("{}|{}", opts.trace_url, opts.case_url);
    if opts.demo {
        // The demo server listens on a new loopback port each run, over the same database in
        // the same data dir: keying by URL would forget its drafts and outbox at every restart.
        server_key = "demo".into();
    }
    let store = match Store::open_for(&opts.data_dir, &server_key, &opts.token) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(Warning::CacheUnavailable {
                error: format!("{e:#}"),
            });
            Store::in_memory(&server_key)?
        }
    };
    let kept_for_others = store.waiting_for_others().unwrap_or(0);

    let mut state = State::new(
        &opts.trace_url,
        &format!("{:016x}", rand::random::<u64>()),
        Utc::now(),
    );
    state.lang = lang;
    state.read_only = opts.read_only || config.read_only;
    state.demo = opts.demo;
    state.bindings = keymap.bindings();
    state.action_labels = i18n::action_labels();
    state.trace_defaults = TraceDefaults {
        crime_code: config.crime_code.clone(),
    };
    if let Ok((w, h)) = crossterm::terminal::size() {
        for a in super::draw::resized(w, h) {
            update(&mut state, a);
        }
    }
    paint_from_cache(&mut state, &store);

    let (tx, rx) = mpsc::unbounded_channel();
    let (mut term, frames) = terminal::enter().context("cannot set up the terminal")?;
    let _restore = RestoreOnDrop;
    // First frame at once, from the cache when there is one; the network comes after.
    render(&mut term, &frames, &state, &theme)?;
    let runtime = Runtime::start(client, tx, Arc::new(store));
    runtime.load_rest_of_cache();
    let mut console = Console {
        state,
        theme,
        keymap,
        runtime,
        frames,
    };
    let mut fx = init(&mut console.state);
    let State { shell, panes } = &mut console.state;
    fx.extend(crate::app::panes::cases::offer_drafts(&panes.cases, shell));
    for w in warnings {
        tracing::warn!("{}", i18n::warning(Lang::En, &w));
        fx.push(console.state.toast(Level::Error, Notice::Warning(w)));
    }
    if kept_for_others > 0 {
        let n = Notice::KeptForOtherSignIn(kept_for_others);
        fx.push(console.state.toast(Level::Info, n));
    }
    run_effects(&mut console, fx)?;
    render(&mut term, &console.frames, &console.state, &console.theme)?;
    main_loop(&mut console, &mut term, rx).await
}

/// Logs go to `<data_dir>/console.log`, never to the screen under the UI. Skipped when the
/// caller already installed a subscriber (e.g. `fwc demo` logging its embedded server).
fn init_log(data_dir: &std::path::Path) {
    let Ok(()) = std::fs::create_dir_all(data_dir) else {
        return;
    };
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("console.log"))
    else {
        return;
    };
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("FWC_LOG").unwrap_or_else(|_| "warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}

struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        terminal::restore();
    }
}

fn paint_from_cache(state: &mut State, store: &Store) {
    for entry in store.first_frame() {
        update(state, Action::Reply(Box::new(Reply::Cached(entry))));
    }
    state.session.pending_writes = store.pending().map(|p| p.len()).unwrap_or(0);
    crate::app::panes::cases::from_store(
        &mut state.panes.cases,
        store.seen().unwrap_or_default(),
        store.drafts().unwrap_or_default(),
    );
}

async fn main_loop(
    c: &mut Console,
    term: &mut Term,
    mut rx: mpsc::UnboundedReceiver<Action>,
) -> anyhow::Result<()> {
    let mut events = EventStream::new();
    let mut clock = minute_clock();
    loop {
        let actions = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => input::to_actions(&ev, &c.state, &c.keymap),
                Some(Err(e)) => return Err(e).context("reading the terminal"),
                None => return Ok(()),
            },
            Some(a) = rx.recv() => vec![a],
            _ = clock.tick() => vec![Action::Tick(Utc::now())],
        };
        let mut changed = !actions.is_empty();
        for a in actions {
            handle(c, a)?;
        }
        // Coalesce: everything already waiting is applied before the one frame is drawn.
        while let Ok(a) = rx.try_recv() {
            handle(c, a)?;
            changed = true;
        }
        if c.state.quit {
            return Ok(());
        }
        if changed {
            render(term, &c.frames, &c.state, &c.theme)?;
        }
    }
}

fn handle(c: &mut Console, a: Action) -> anyhow::Result<()> {
    let fx = update(&mut c.state, a);
    run_effects(c, fx)
}

fn run_effects(c: &mut Console, fx: Vec<Effect>) -> anyhow::Result<()> {
    for e in fx {
        match e {
            Effect::Copy(text) => c.frames.clone().write_all(&osc52(&text))?,
            Effect::Quit => c.state.quit = true,
            other => c.runtime.execute(other),
        }
    }
    Ok(())
}

fn render(
    term: &mut Term,
    frames: &FrameWriter<std::io::Stdout>,
    state: &State,
    theme: &Theme,
) -> anyhow::Result<()> {
    term.draw(|f| draw(f, state, theme))?;
    frames.commit()?;
    Ok(())
}

/// Ticks at each new minute (for the clock and the age column), and never otherwise.
fn minute_clock() -> tokio::time::Interval {
    let now = Utc::now();
    let into_minute = Duration::from_millis(
        u64::from(now.second()) * 1000 + u64::from(now.timestamp_subsec_millis()),
    );
    let first = tokio::time::Instant::now() + Duration::from_secs(60).saturating_sub(into_minute);
    let mut i = tokio::time::interval_at(first, Duration::from_secs(60));
    i.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    i
}
