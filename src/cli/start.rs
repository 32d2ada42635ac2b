//! Start-up wiring of the console: the config (read once, by the caller), the log, the API
//! client, the local store, the first state painted from the cache, and the effect runtime.
//! The terminal front end (`ui::run`) gets them ready-made and only draws and reads keys, so
//! the UI layer never builds a network client.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::mpsc;

use crate::api::{ApiClient, ClientConfig};
use crate::app::config::Config;
use crate::app::kept_session::Keeper;
use crate::app::link::{LinkMode, LinkProfile};
use crate::app::options::{ColorDepth, ConsoleOptions};
use crate::app::reply::Reply;
use crate::app::runtime::Runtime;
use crate::app::signin::{IdleLock, SignedIn};
use crate::app::state::{Lang, Level, Notice, State, TraceDefaults};
use crate::app::store::Store;
use crate::app::warning::Warning;
use crate::app::{Action, update};
use crate::ui::keymap::Keymap;
use crate::ui::lean::Caps;
use crate::ui::run::Start;
use crate::ui::theme::Theme;
use crate::ui::{color, i18n};

/// Runs the console with `config` (loaded once by the caller, its `warnings` shown at start)
/// until the user quits.
pub async fn console(
    opts: ConsoleOptions,
    config: Config,
    warnings: Vec<Warning>,
) -> anyhow::Result<()> {
    init_log(&opts.data_dir);
    crate::ui::run(prepare(opts, config, warnings)?).await
}

/// Everything the console needs before it takes the terminal: the first state (painted from
/// the cache), the look, and the running effect runtime. `fwc bench link` drives the same.
pub fn prepare(
    opts: ConsoleOptions,
    config: Config,
    mut warnings: Vec<Warning>,
) -> anyhow::Result<Start<ApiClient>> {
    let look = Look::new(&opts, &config, &mut warnings);
    let client = client(&opts, &config)?;
    let store = open_store(&opts, &mut warnings)?;

    let mut state = look.state(&opts);
    if let Some(a) = &opts.account {
        state.session.account = Some(a.user.clone());
        state.session.idle_lock = Some(IdleLock::new(
            Some(config.idle_lock_minutes),
            test_idle_seconds(),
            a.idle_timeout_s,
        ));
    }
    state.read_only = opts.read_only || config.read_only;
    state.demo = opts.demo;
    // Said on the status bar for as long as it is true: nothing on the wire is private.
    state.insecure_http =
        crate::api::is_plain_remote(&opts.trace_url) || crate::api::is_plain_remote(&opts.case_url);
    state.clock = config.clock;
    state.link = LinkProfile::new(
        opts.link
            .or_else(|| LinkMode::parse(&config.link))
            .unwrap_or_default(),
    );
    state.trace_defaults = TraceDefaults {
        crime_code: config.crime_code.clone(),
    };
    paint_from_cache(&mut state, &store);

    let mut notices = Vec::new();
    for w in warnings {
        tracing::warn!("{}", i18n::warning(Lang::En, &w));
        notices.push((Level::Error, Notice::Warning(w)));
    }
    let kept_for_others = store.waiting_for_others().unwrap_or(0);
    if kept_for_others > 0 {
        notices.push((Level::Info, Notice::KeptForOtherSignIn(kept_for_others)));
    }

    // Files the user asks for (the case packet) go where the console was started: the one place
    // a person looks for a file they did not name.
    let save_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (tx, replies) = mpsc::unbounded_channel();
    let mut runtime = Runtime::start(client, tx, Arc::new(store), save_dir);
    if opts.account.is_some() {
        runtime = runtime.keep_sessions(Keeper {
            data_dir: opts.data_dir.clone(),
            server: opts.trace_url.clone(),
        });
    }
    // The first frame used only the head of a long cached list; the rest follows in the background.
    runtime.load_rest_of_cache();
    Ok(Start {
        state,
        theme: look.theme,
        keymap: look.keymap,
        caps: look.caps,
        runtime,
        replies,
        notices,
    })
}

/// Before the console has a session: the logon banner and the sign-in form, alone on the
/// screen. The new session is kept for this server like `fwc login` keeps it. `None`: the
/// user quit.
pub async fn sign_in_first(
    opts: &ConsoleOptions,
    config: &Config,
) -> anyhow::Result<Option<SignedIn>> {
    init_log(&opts.data_dir);
    // Warnings about the config are shown once the console runs (it reads them again).
    let look = Look::new(opts, config, &mut Vec::new());
    let client = client(opts, config)?;
    let state = look.state(opts);
    crate::ui::gate::sign_in(crate::ui::gate::GateStart {
        state,
        theme: look.theme,
        keymap: look.keymap,
        caps: look.caps,
        backend: client,
        keeper: Keeper {
            data_dir: opts.data_dir.clone(),
            server: opts.trace_url.clone(),
        },
    })
    .await
}

/// `FWC_IDLE_LOCK_SECONDS`: for tests only, shortens the idle lock to seconds (never lengthens
/// it: see [`IdleLock::new`]).
fn test_idle_seconds() -> Option<u64> {
    std::env::var("FWC_IDLE_LOCK_SECONDS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
}

/// The language, theme and keys, from the options over the config.
struct Look {
    lang: Lang,
    theme: Theme,
    keymap: Keymap,
    caps: Caps,
}

impl Look {
    fn new(opts: &ConsoleOptions, config: &Config, warnings: &mut Vec<Warning>) -> Look {
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
        Look {
            lang,
            theme,
            keymap,
            caps: Caps::detect(depth, opts.dumb_terminal),
        }
    }

    /// A fresh state in this language with these keys, sized to the terminal.
    fn state(&self, opts: &ConsoleOptions) -> State {
        let mut state = State::new(
            &opts.trace_url,
            &format!("{:016x}", rand::random::<u64>()),
            Utc::now(),
        );
        state.lang = self.lang;
        state.bindings = self.keymap.bindings();
        state.action_labels = i18n::action_labels();
        if let Ok((w, h)) = crossterm::terminal::size() {
            for a in crate::ui::draw::resized(w, h) {
                update(&mut state, a);
            }
        }
        state
    }
}

fn client(opts: &ConsoleOptions, config: &Config) -> anyhow::Result<ApiClient> {
    let timeout = opts
        .timeout
        .unwrap_or(Duration::from_secs(config.timeout_secs.max(1)));
    ApiClient::with_nodes(
        ClientConfig {
            trace_url: opts.trace_url.clone(),
            case_url: opts.case_url.clone(),
            token: opts.token.clone(),
            timeout,
            transport: opts.transport.clone(),
        },
        opts.nodes.clone(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// The local cache and outbox of this server and sign-in; in memory (with a warning) when the
/// data dir cannot hold them.
fn open_store(opts: &ConsoleOptions, warnings: &mut Vec<Warning>) -> anyhow::Result<Store> {
    let server_key = if opts.demo {
        // The demo server listens on a new loopback port each run, over the same database in
        // the same data dir: keying by URL would forget its drafts and outbox at every restart.
        "demo".to_string()
    } else {
        format!("{}|{}", opts.trace_url, opts.case_url)
    };
    let identity = opts.identity.as_deref().unwrap_or(&opts.token);
    match Store::open_for(&opts.data_dir, &server_key, identity) {
        Ok(s) => Ok(s),
        Err(e) => {
            warnings.push(Warning::CacheUnavailable {
                error: format!("{e:#}"),
            });
            Store::in_memory(&server_key)
        }
    }
}

/// What the console remembers locally, in the state before the first frame: cached lists (each
/// taken by the pane that shows it), the outbox's size, notes seen and drafts.
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

/// Logs go to `<data_dir>/console.log`, never to the screen under the UI. Skipped when the
/// caller already installed a subscriber (e.g. `fwc demo` logging its embedded server).
fn init_log(data_dir: &Path) {
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
