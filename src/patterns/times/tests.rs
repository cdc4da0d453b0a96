//! Table tests per construct: (sentence, expression text, type, value), against a reference
//! date of Friday 2021-08-27 unless a case says otherwise. Texts are written for these tests.

use super::*;
use crate::document::TimeType::{self, Date, Duration, Set, Time as Clock};
use crate::text::sentences::SentenceSplitter;
use crate::text::tokens::tokenize;

fn found(text: &str, dct: Option<&str>) -> Vec<(String, TimeType, String)> {
    let tokens = tokenize(text);
    let sentences = SentenceSplitter::new().split(text);
    TimeParser::new()
        .find(text, &tokens, &sentences, dct.and_then(Ymd::parse))
        .into_iter()
        .map(|t| (t.span.text(text).to_string(), t.time_type, t.value))
        .collect()
}

fn check(cases: &[(&str, &str, TimeType, &str)], dct: Option<&str>) {
    for &(text, expr, ty, value) in cases {
        let got = found(text, dct);
        let want = (expr.to_string(), ty, value.to_string());
        assert!(got.contains(&want), "{text:?}: want {want:?}, got {got:?}");
    }
}

const DCT: Option<&str> = Some("2021-08-27");

#[test]
fn absolute_dates() {
    check(
        &[
            (
                "It began on Aug. 26, 2021 in Kabul.",
                "Aug. 26, 2021",
                Date,
                "2021-08-26",
            ),
            (
                "It began on 26 August 2021.",
                "26 August 2021",
                Date,
                "2021-08-26",
            ),
            (
                "Tuesday, September 22, 2015 was wet.",
                "Tuesday, September 22, 2015",
                Date,
                "2015-09-22",
            ),
            ("Sales fell in July 1997.", "July 1997", Date, "1997-07"),
            // A full month name's dot ends the sentence; an abbreviation keeps its own.
            (
                "She will leave on 19 October.",
                "19 October",
                Date,
                "2021-10-19",
            ),
            (
                "It opened on 3 Oct. 2004.",
                "3 Oct. 2004",
                Date,
                "2004-10-03",
            ),
            ("The group formed in 2015.", "2015", Date, "2015"),
            ("Prices rose in the 1990s.", "the 1990s", Date, "199"),
            ("Profit rose in fiscal 1989.", "fiscal 1989", Date, "1989"),
            (
                "Output fell in the third quarter of 2020.",
                "the third quarter of 2020",
                Date,
                "2020-Q3",
            ),
        ],
        DCT,
    );
}

#[test]
fn names_resolved_by_tense() {
    check(
        &[
            (
                "Officials said on Thursday that it ended.",
                "Thursday",
                Date,
                "2021-08-26",
            ),
            (
                "The leaders will meet on Thursday.",
                "Thursday",
                Date,
                "2021-09-02",
            ),
            ("The attack came in March.", "March", Date, "2021-03"),
            (
                "The vote will take place in March.",
                "March",
                Date,
                "2022-03",
            ),
            ("It opened on Aug. 3.", "Aug. 3", Date, "2021-08-03"),
            (
                "It happened last Friday.",
                "last Friday",
                Date,
                "2021-08-20",
            ),
            (
                "He spoke on Wednesday night.",
                "Wednesday night",
                Date,
                "2021-08-25",
            ),
            ("It rained last fall.", "last fall", Date, "2020-FA"),
            (
                "Talks are set to resume on Monday.",
                "Monday",
                Date,
                "2021-08-30",
            ),
            (
                "Prices fell in January this year.",
                "January this year",
                Date,
                "2021-01",
            ),
            (
                "Shares fell at 4 a.m. EDT Thursday.",
                "4 a.m. EDT Thursday",
                Clock,
                "2021-08-26T04:00",
            ),
            ("Trade talks resume in May.", "May", Date, "2021-05"),
        ],
        DCT,
    );
    // "May" the verb is no month.
    assert!(found("Prices May rise.", DCT).is_empty());
}

#[test]
fn relative_units() {
    check(
        &[
            ("Sales rose last year.", "last year", Date, "2020"),
            ("Sales will rise next month.", "next month", Date, "2021-09"),
            ("They met this week.", "this week", Date, "2021-W34"),
            ("They met last week.", "last week", Date, "2021-W33"),
            ("It ended two days ago.", "two days ago", Date, "2021-08-25"),
            ("It ended three years ago.", "three years ago", Date, "2018"),
            ("He arrived yesterday.", "yesterday", Date, "2021-08-26"),
            ("He arrives today.", "today", Date, "2021-08-27"),
            (
                "Prices fell earlier this month.",
                "earlier this month",
                Date,
                "2021-08",
            ),
            ("Growth slowed in early 2020.", "early 2020", Date, "2020"),
            ("The shares are now cheaper.", "now", Date, "PRESENT_REF"),
            ("Prices rose recently.", "recently", Date, "PAST_REF"),
            (
                "We met this morning.",
                "this morning",
                Date,
                "2021-08-27TMO",
            ),
        ],
        DCT,
    );
}

#[test]
fn durations_and_sets() {
    check(
        &[
            (
                "Fighting lasted for the past three weeks.",
                "the past three weeks",
                Duration,
                "P3W",
            ),
            ("The talks took three days.", "three days", Duration, "P3D"),
            (
                "He signed a two-year contract.",
                "two-year",
                Duration,
                "P2Y",
            ),
            (
                "Sales for the nine months rose.",
                "the nine months",
                Duration,
                "P9M",
            ),
            ("It took 24 hours.", "24 hours", Duration, "PT24H"),
            (
                "The market meets every Monday.",
                "every Monday",
                Set,
                "XXXX-WXX-1",
            ),
            ("Trains run daily.", "daily", Set, "P1D"),
            ("Checks happen each year.", "each year", Set, "P1Y"),
            ("Drivers earn $61,000 a year.", "a year", Set, "P1Y"),
            ("They sign a year later.", "a year later", Date, "2022"),
        ],
        DCT,
    );
}

#[test]
fn clock_times() {
    check(
        &[
            (
                "The blast came at 2 p.m. local time.",
                "2 p.m. local time",
                Clock,
                "2021-08-27T14:00",
            ),
            (
                "It starts at 10:30 a.m. sharp.",
                "10:30 a.m.",
                Clock,
                "2021-08-27T10:30",
            ),
        ],
        DCT,
    );
}

#[test]
fn quarters() {
    check(
        &[
            (
                "Third-quarter profit fell.",
                "Third-quarter",
                Date,
                "1989-Q3",
            ),
            (
                "Profit in the quarter fell.",
                "the quarter",
                Date,
                "1989-Q3",
            ),
            (
                "Net rose from a year earlier in the quarter.",
                "a year earlier",
                Date,
                "1988-Q3",
            ),
        ],
        Some("1989-11-02"),
    );
}

#[test]
fn without_a_reference_date_values_stay_underspecified() {
    check(
        &[
            (
                "Officials said on Thursday it ended.",
                "Thursday",
                Date,
                "XXXX-WXX-4",
            ),
            ("Sales rose last year.", "last year", Date, "XXXX"),
            ("It opened on Aug. 27.", "Aug. 27", Date, "XXXX-08-27"),
            ("He arrived yesterday.", "yesterday", Date, "XXXX-XX-XX"),
        ],
        None,
    );
}

#[test]
fn quantities_are_not_years() {
    for text in [
        "It cost $2000 last.",
        "About 1990 people came.",
        "He has 2000 shares.",
    ] {
        let years: Vec<_> = found(text, DCT)
            .into_iter()
            .filter(|t| t.2 == "2000" || t.2 == "1990")
            .collect();
        assert!(years.is_empty(), "{text}: {years:?}");
    }
}

#[test]
fn datelines_give_the_reference_date() {
    let text = "Tuesday, September 22, 2015\n\nThe minister spoke on Monday.";
    let tokens = tokenize(text);
    let sentences = SentenceSplitter::new().split(text);
    let d = TimeParser::new().dateline(text, &tokens, &sentences);
    assert_eq!(d, Ymd::parse("2015-09-22"));
}
