//! Whatever an operator pastes or a service answers, the Cloudback and Scheduled Backup readers
//! give a value or an error, never a panic.

use backup_console_core::api::ApiResponse;
use backup_console_core::vendors::cloudback::models::SubjectType;
use backup_console_core::vendors::cloudback::paste::parse_lines;
use backup_console_core::vendors::cloudback::requests::decode_definition;
use backup_console_core::vendors::cloudback::subject::Subject;
use backup_console_core::vendors::scheduled_backup::keystone::decode_token;
use backup_console_core::vendors::scheduled_backup::models::{CheckpointList, Plan};
use backup_console_core::vendors::scheduled_backup::requests::{decode, decode_updated_plan};
use backup_console_core::vendors::scheduled_backup::schedule::Calendar;
use backup_console_core::vendors::scheduled_backup::volumes::parse_volume_lines;
use proptest::prelude::*;

/// Text that looks like the inputs: names, slashes, parentheses, URLs, JSON punctuation.
fn texty() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("GitHub ".to_owned()),
            Just("Azure DevOps ".to_owned()),
            Just("https://dev.azure.com/".to_owned()),
            Just("/".to_owned()),
            Just("(Project)".to_owned()),
            Just("%".to_owned()),
            Just("\n".to_owned()),
            Just("{\"settings\":".to_owned()),
            Just("\"max_backups\":".to_owned()),
            Just("null".to_owned()),
            "[a-zé0-9 ,(){}\\[\\]\":*/-]{0,6}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn pasted_lines_and_routes(text in texty()) {
        let parsed = parse_lines(&text);
        for subject in &parsed.subjects {
            prop_assert!(subject.validate().is_empty());
            prop_assert_eq!(Subject::from_route(&subject.route()), Ok(subject.clone()));
        }
        let _ = Subject::from_route(&text);
        let _ = parse_volume_lines(&text, &[]);
        let _ = Calendar::from_cron(&text);
    }

    #[test]
    fn answers(body in texty(), status in prop_oneof![Just(200u16), Just(201), 100u16..600]) {
        let response = ApiResponse::new(status, body);
        let subject = Subject::new("GitHub", "a", SubjectType::Repository, "r");
        let _ = decode_definition(&response, &subject);
        let _ = decode::<Plan>(&response, "plan");
        let _ = decode::<CheckpointList>(&response, "checkpoints");
        let _ = decode_updated_plan(&response, &Plan::default());
        let _ = decode_token(&response);
    }
}
