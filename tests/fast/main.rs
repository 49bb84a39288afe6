//! The tests that need no terminal and no large data: the client, the
//! emulator, the command line, the TUI loop on a TestBackend, the journal.
//! One binary, so the dependencies are linked once rather than per file.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/offline.rs"]
mod offline;
#[path = "../common/session.rs"]
mod session;
mod support;

mod cache_format;
mod client_bounds;
mod client_cli_list;
mod client_cli_stream;
mod client_emulator;
mod client_emulator_errors;
mod client_emulator_writes;
mod client_paging;
mod client_protocol;
mod client_socket;
mod client_writes;
mod emulator_args;
mod emulator_auth;
mod emulator_command;
mod emulator_contacts;
mod emulator_data;
mod emulator_disconnect;
mod emulator_faults;
mod emulator_generated;
mod emulator_invites;
mod emulator_invites_states;
mod emulator_limits;
mod emulator_org;
mod emulator_pagination;
mod emulator_pagination_channels;
mod emulator_permission;
mod emulator_requests;
mod emulator_socket;
mod fit_cli;
mod fit_cli_org;
mod fit_cli_same_as_tui;
mod fit_cli_tools;
mod fit_keys;
mod fit_themes;
mod fixtures_nulls;
mod fixtures_parse;
mod layering;
mod safety_cache_files;
mod safety_command_line;
mod safety_faults;
mod safety_faults_cli;
mod safety_hostile_cli;
mod safety_journal;
mod safety_state_files;
mod tui_contacts;
mod tui_decisions;
mod tui_hostile_text;
mod tui_live;
mod tui_org;
mod tui_palette;
mod tui_permission;
mod tui_request_options;
mod tui_risk;
mod tui_snapshots;
