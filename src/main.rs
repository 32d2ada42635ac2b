//! `fwc`: see `fwc --help`.
#![forbid(unsafe_code)]

use clap::Parser;
use fwc::cli::audit::AuditCommand;
use fwc::cli::{BenchCommand, Cli, Command, UserCommand};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = run(cli);
    // The console ended by SIGTERM/SIGHUP/SIGQUIT: the terminal is restored and the runtime,
    // dropped in `run`, has finished its disk writes; exit with the shell's status for it.
    if let Some(status) = fwc::ui::run::exit_status_after_signal() {
        return std::process::ExitCode::from(status);
    }
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // Scripts branch on the code: see `fwc --help` (`cli::out::exit`).
        Err(e) => {
            eprintln!("fwc: {e:#}");
            std::process::ExitCode::from(fwc::cli::out::exit_code(&e))
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if let Some(Command::Serve(args)) = &cli.command
        && let Some(n) = args.workers
    {
        rt.worker_threads(usize::from(n));
    }
    let rt = rt.enable_all().build()?;
    match cli.command {
        Some(Command::Serve(args)) => {
            fwc::cli::init_log_stderr();
            rt.block_on(fwc::cli::serve::run(args))
        }
        Some(Command::User(UserCommand::Add(args))) => fwc::cli::user::add(args),
        Some(Command::User(UserCommand::Disable(args))) => fwc::cli::user::disable(args),
        Some(Command::User(UserCommand::Enable(args))) => fwc::cli::user::enable(args),
        Some(Command::User(UserCommand::Reset(args))) => fwc::cli::user::reset(args),
        Some(Command::Token(cmd)) => fwc::cli::token::run(cmd),
        Some(Command::Login(args)) => rt.block_on(fwc::cli::console::login(args, cli.console)),
        Some(Command::Logout(args)) => rt.block_on(fwc::cli::console::logout(args, cli.console)),
        Some(Command::User(UserCommand::List(args))) => fwc::cli::user::list(args),
        Some(Command::Seed(args)) => fwc::cli::seed::run(args),
        Some(Command::Audit(AuditCommand::Verify(args))) => {
            if fwc::cli::audit::verify(args)? {
                Ok(())
            } else {
                std::process::exit(1)
            }
        }
        Some(Command::Audit(AuditCommand::Export(args))) => fwc::cli::audit::export(args),
        Some(Command::Backup(args)) => fwc::cli::backup::run(args),
        Some(Command::Bench(BenchCommand::Ballistics(a))) if a.burst > 0 => rt.block_on(
            fwc::bench::ballistics_burst::run(a.burst, a.distractors, a.seed),
        ),
        Some(Command::Bench(BenchCommand::Ballistics(a))) => {
            fwc::bench::ballistics::run(fwc::bench::ballistics::BallisticsBench {
                guns: a.guns,
                casings_per_gun: a.casings_per_gun,
                distractors: a.distractors,
                seed: a.seed,
                sweep: a.sweep,
                null_per_query: a.null_per_query,
                scale: a.scale,
            });
            Ok(())
        }
        Some(Command::Bench(BenchCommand::Console)) => fwc::bench::console::run(),
        Some(Command::Bench(BenchCommand::Link)) => rt.block_on(fwc::bench::link::run()),
        Some(Command::Bench(BenchCommand::Graph(a))) => {
            fwc::bench::graph::run(fwc::bench::graph::GraphBench {
                db: a.db,
                sqlite: a.sqlite,
                scale: a.scale.into(),
                seed: a.seed,
                queries: a.queries,
            })
        }
        Some(Command::Bench(BenchCommand::Watches(a))) => {
            fwc::bench::watches::run(fwc::bench::watches::WatchBench {
                watches: a.watches,
                events: a.events,
                store_events: a.store_events,
                seed: a.seed,
            })
        }
        Some(Command::Bench(BenchCommand::Auth(a))) => {
            rt.block_on(fwc::bench::auth::run(a.sign_ins, a.requests, a.tls))
        }
        Some(Command::Bench(BenchCommand::Api(a))) => {
            rt.block_on(fwc::bench::api::run(fwc::bench::api::ApiBench {
                db: a.db,
                sqlite: a.sqlite,
                scale: a.scale.into(),
                seed: a.seed,
                queries: a.queries,
                seconds: a.seconds,
                concurrency: a.concurrency,
                rounds: a.rounds,
                users: a.users,
                slow: a.slow,
                lookups_only: a.lookups_only,
                only: a.only,
            }))
        }
        Some(Command::Seizures(cmd)) => rt.block_on(fwc::cli::seizures::run(cmd, cli.console)),
        Some(Command::Firearms(cmd)) => rt.block_on(fwc::cli::firearms::run(cmd, cli.console)),
        Some(Command::Traces(cmd)) => rt.block_on(fwc::cli::traces::run(cmd, cli.console)),
        Some(Command::Leads(cmd)) => rt.block_on(fwc::cli::leads::run(cmd, cli.console)),
        Some(Command::Cases(cmd)) => rt.block_on(fwc::cli::cases::run(cmd, cli.console)),
        Some(Command::Notes(cmd)) => rt.block_on(fwc::cli::notes::run(cmd, cli.console)),
        Some(Command::Watches(cmd)) => rt.block_on(fwc::cli::watches::run(cmd, cli.console)),
        Some(Command::Alerts(args)) => rt.block_on(fwc::cli::alerts::run(args, cli.console)),
        Some(Command::Completions(a)) => fwc::cli::docs::completions(a),
        Some(Command::Man(a)) => fwc::cli::docs::man(a),
        Some(Command::Bench(BenchCommand::Import(a))) => {
            rt.block_on(fwc::bench::import::run(a.rows))
        }
        Some(Command::Export(cmd)) => rt.block_on(fwc::cli::export::run(cmd, cli.console)),
        Some(Command::Demo(args)) => {
            let _log = fwc::cli::init_log_file();
            rt.block_on(fwc::cli::console::demo(args, cli.console))
        }
        Some(Command::Config(args)) => {
            if args.print_default {
                print!("{}", fwc::app::config::default_config_toml());
                Ok(())
            } else {
                anyhow::bail!("nothing to do: try `fwc config --print-default`")
            }
        }
        None => {
            let _log = fwc::cli::init_log_file();
            rt.block_on(fwc::cli::console::run(cli.console))
        }
    }
}
