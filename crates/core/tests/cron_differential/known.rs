//! The cases where cronsim and the console legitimately differ on daylight saving, each with
//! its reason. cronsim follows Debian cron; the console follows its documented rule (README,
//! ARCHITECTURE): a wall-clock time that does not exist is skipped, and one that happens twice
//! runs once, at its first occurrence (what CyBorgBackup's scheduler does too).

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// The schedule names a wall-clock time the clock jumps over that day. cronsim runs the
    /// job at the jump (Debian cron's rule for jobs at a fixed time; for a midnight that does
    /// not exist, cronsim does it for any job); the console skips it.
    SkippedTime,
    /// A job whose minute or hour field starts with `*`, in an hour that happens twice.
    /// cronsim walks real time and runs it in both copies of the hour (Debian cron runs such
    /// jobs by elapsed time; where the change is not on the hour, as in Chatham, cronsim 2.8
    /// even lists the first copy's instants a second time); the console runs each wall-clock
    /// time once, in the first copy.
    RepeatedHour,
    /// A fixed-time job, started inside the second copy of a repeated hour. cronsim reads the
    /// start as a wall-clock time and returns the first copy's run, which lies before the
    /// start; for the console that first occurrence has passed, so the time does not run again.
    StartInRepeatedHour,
    /// Not a rule but a defect of cronsim 2.8, kept visible here: for jobs whose minute or
    /// hour starts with `*` it steps hours by 3,600 real seconds from the top of an hour. On a
    /// day whose offset changes by half an hour (Lord Howe) it then lands on minute 30; where
    /// the change is not on the hour (Chatham, 02:45) it jumps over the hour that exists only
    /// in part; where the day begins in a gap (Havana, Cairo, Santiago at midnight) it starts
    /// from a midnight that does not exist and misses the hour after the jump. The console
    /// runs at those wall-clock times, which exist.
    ReferenceHourStepping,
}

/// (expression, zone, start, reason), as in the fixture.
#[rustfmt::skip]
pub const KNOWN: &[(&str, &str, &str, Why)] = &[
    ("* 0 26-31/2 * *", "Africa/Cairo", "2027-04-29T17:10:13+00:00", Why::SkippedTime),
    ("13/3 14,*/5 * * *", "America/Santiago", "2025-09-07T01:16:22+00:00", Why::SkippedTime),
    ("18-52/7 2 * * 6-7/1", "Australia/Lord_Howe", "2027-10-01T16:59:02+00:00", Why::SkippedTime),
    ("18/12 1,2,14 * * *", "America/Los_Angeles", "2027-03-14T06:40:49+00:00", Why::SkippedTime),
    ("19-31,*/8,27-53 2 * * *", "America/New_York", "2025-03-09T05:39:08+00:00", Why::SkippedTime),
    ("21 1-2 * 4-10/2 *", "Australia/Lord_Howe", "2027-10-02T11:06:54+00:00", Why::SkippedTime),
    ("22-34/4 0,1 * * 0-2", "Europe/London", "2026-03-28T23:45:00+00:00", Why::SkippedTime),
    ("27/13 1-2 * * *", "America/Los_Angeles", "2027-03-14T07:42:49+00:00", Why::SkippedTime),
    ("32/9 2 * * *", "Europe/Berlin", "2027-03-27T22:29:39+00:00", Why::SkippedTime),
    ("33-37 3 25-27 * *", "Pacific/Chatham", "2026-09-26T13:29:48+00:00", Why::SkippedTime),
    ("40 0 * * *", "America/Havana", "2026-03-08T00:58:34+00:00", Why::SkippedTime),
    ("40/17 0 * * 0-3/1", "America/Havana", "2026-03-08T03:05:46+00:00", Why::SkippedTime),
    ("46 23,0,12 * * 2-5/1,0-5/2", "America/Santiago", "2026-09-06T03:59:24+00:00", Why::SkippedTime),
    ("50 1-21 * * 0-7", "America/St_Johns", "2025-03-09T00:04:58+00:00", Why::SkippedTime),
    ("51/5 1-2 * * */3", "America/Los_Angeles", "2027-03-14T07:10:49+00:00", Why::SkippedTime),
    ("54-56/1 2,3 * * *", "Pacific/Chatham", "2025-09-27T13:24:43+00:00", Why::SkippedTime),
    ("57/4 2-3 * * 7/2", "Pacific/Chatham", "2027-09-24T07:06:35+00:00", Why::SkippedTime),
    ("58/11 1,2,14 * * *", "America/St_Johns", "2025-03-09T02:18:55+00:00", Why::SkippedTime),
    ("6 0-1 * * *", "Europe/London", "2026-03-28T22:57:53+00:00", Why::SkippedTime),
    ("7/13,5/14,58-59 0 3-11/4 * 4-7/1,4-5/1,4/2", "Africa/Cairo", "2026-04-23T19:36:10+00:00", Why::SkippedTime),
    ("8 23,0,12 * * *", "Africa/Cairo", "2025-04-23T10:12:20+00:00", Why::SkippedTime),
    ("* 1-2 * * *", "America/St_Johns", "2026-11-01T04:46:55+00:00", Why::RepeatedHour),
    ("* 2 * * 7", "Europe/Berlin", "2027-10-31T01:22:04+00:00", Why::RepeatedHour),
    ("* 23,0 * * *", "America/Santiago", "2027-04-04T03:12:59+00:00", Why::RepeatedHour),
    ("*/17 2 8/8 */3,2,11-12 0-7,0,4/2", "Australia/Sydney", "2027-04-03T13:11:30+00:00", Why::RepeatedHour),
    ("*/18 3,4 * * */3", "Pacific/Chatham", "2027-04-03T04:33:11+00:00", Why::RepeatedHour),
    ("*/19 1,2,14 * * SUN", "Australia/Lord_Howe", "2027-04-02T11:52:23+00:00", Why::RepeatedHour),
    ("*/5 * * * *", "America/St_Johns", "2025-11-02T04:25:30+00:00", Why::RepeatedHour),
    ("*/7,20/17 0,1,13 * 5-12/3 *", "America/Havana", "2027-11-07T05:47:20+00:00", Why::RepeatedHour),
    ("28 * * */2 *", "America/Havana", "2026-10-31T05:01:26+00:00", Why::RepeatedHour),
    ("42 * * * *", "America/St_Johns", "2025-11-02T04:18:01+00:00", Why::RepeatedHour),
    ("52 * * * *", "America/Havana", "2027-11-07T03:03:51+00:00", Why::RepeatedHour),
    ("54 */7 * * 6-7", "America/Havana", "2026-10-31T22:24:57+00:00", Why::RepeatedHour),
    ("59 * * * *", "America/St_Johns", "2026-11-01T04:08:26+00:00", Why::RepeatedHour),
    ("6 * * * *", "Australia/Sydney", "2027-04-03T12:48:47+00:00", Why::RepeatedHour),
    ("16-41/12 2 * * *", "Europe/Berlin", "2025-10-26T01:33:13+00:00", Why::StartInRepeatedHour),
    ("25-30 1,2 */6 * */4,THU", "America/St_Johns", "2027-11-07T04:35:49+00:00", Why::StartInRepeatedHour),
    ("43-53/4 3-4 * * 0", "Pacific/Chatham", "2026-04-04T14:49:53+00:00", Why::StartInRepeatedHour),
    ("* 2 * * *", "Australia/Lord_Howe", "2025-04-05T14:39:49+00:00", Why::ReferenceHourStepping),
    ("* 3 * * 5/2", "Pacific/Chatham", "2025-09-27T10:02:50+00:00", Why::ReferenceHourStepping),
    ("*/11 1 2-27/3 * *", "America/Havana", "2027-03-13T23:13:05+00:00", Why::ReferenceHourStepping),
    ("7-9/1,10,30 */7 * * *", "Australia/Lord_Howe", "2025-10-04T15:52:40+00:00", Why::ReferenceHourStepping),
];
