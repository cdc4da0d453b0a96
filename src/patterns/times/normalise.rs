//! TIMEX3 values of relative expressions, against the reference date and the tense of the
//! sentence. Without a reference date every value keeps `X`s where the date would go, so that
//! output never depends on the clock.

use super::civil::{add_months, Ymd};

/// What a relative expression is resolved against.
#[derive(Clone, Copy, Debug)]
pub struct Anchor {
    pub dct: Option<Ymd>,
    /// The sentence speaks of the future ("will meet on Thursday").
    pub future: bool,
}

/// Which way a bare name points: "last", "next", "this", or by the tense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Last,
    Next,
    This,
    Tense,
}

impl Anchor {
    /// The day `n` days from the reference date.
    pub fn day(&self, n: i64) -> String {
        self.dct
            .map_or("XXXX-XX-XX".into(), |d| d.add_days(n).iso())
    }

    pub fn week(&self, n: i64) -> String {
        self.dct.map_or("XXXX-WXX".into(), |d| {
            let (y, w) = d.add_days(7 * n).iso_week();
            format!("{y:04}-W{w:02}")
        })
    }

    pub fn month(&self, n: i32) -> String {
        self.dct.map_or("XXXX-XX".into(), |d| {
            let (y, m) = add_months(d.y, d.m, n);
            format!("{y:04}-{m:02}")
        })
    }

    pub fn year(&self, n: i32) -> String {
        self.dct
            .map_or("XXXX".into(), |d| format!("{:04}", d.y + n))
    }

    pub fn quarter(&self, n: i32) -> String {
        self.dct.map_or("XXXX-QX".into(), |d| {
            let (y, m) = add_months(d.y, d.m, 3 * n);
            format!("{y:04}-Q{}", (m - 1) / 3 + 1)
        })
    }

    /// The value `n` units from the reference date, at that unit's granularity ("two days
    /// ago", "next month").
    pub fn offset(&self, unit: super::lexicon::Unit, n: i32) -> Option<String> {
        use super::lexicon::Unit;
        Some(match unit {
            Unit::D => self.day(i64::from(n)),
            Unit::W => self.week(i64::from(n)),
            Unit::M => self.month(n),
            Unit::Q => self.quarter(n),
            Unit::Y => self.year(n),
            Unit::De => self
                .dct
                .map_or("XXX".into(), |d| format!("{:03}", (d.y + 10 * n) / 10)),
            Unit::Ce => self
                .dct
                .map_or("XX".into(), |d| format!("{:02}", (d.y + 100 * n) / 100)),
            Unit::H | Unit::Min | Unit::S => return None,
        })
    }

    /// A day of the week: the one on or before the reference date in past reporting, the
    /// next one after it in future reporting.
    pub fn weekday(&self, wd: u32, dir: Dir) -> String {
        let Some(d) = self.dct else {
            return format!("XXXX-WXX-{wd}");
        };
        let back = (i64::from(d.weekday()) - i64::from(wd)).rem_euclid(7);
        let future = match dir {
            Dir::Next => true,
            Dir::Last => false,
            Dir::This | Dir::Tense => self.future,
        };
        let ahead = (i64::from(wd) - i64::from(d.weekday())).rem_euclid(7);
        // The same weekday is the reference day itself, unless "next" says otherwise.
        let n = match (future, dir) {
            (true, Dir::Next) if ahead == 0 => 7,
            (true, _) => ahead,
            (false, Dir::Last) if back == 0 => -7,
            (false, _) => -back,
        };
        d.add_days(n).iso()
    }

    /// The year a month (and day) without one falls in: the one nearest the reference date,
    /// the next one in future reporting; "last"/"next" March is the one before/after this month.
    pub fn year_of(&self, m: u32, day: u32, dir: Dir) -> Option<i32> {
        let d = self.dct?;
        let this = (m, day);
        let now = (d.m, d.d);
        Some(match dir {
            // The latest such month before this one ("last April" in October is this year's).
            Dir::Last if m < d.m => d.y,
            Dir::Last => d.y - 1,
            Dir::Next if this > now && m != d.m => d.y,
            Dir::Next => d.y + 1,
            Dir::This => d.y,
            Dir::Tense if self.future && this < now && m != d.m => d.y + 1,
            Dir::Tense => {
                // Months apart, within the year either way: news speaks of the near past
                // and the near future ("payable Dec. 7", "since April").
                let ahead = m as i32 - d.m as i32;
                if ahead > 6 {
                    d.y - 1
                } else if ahead < -6 {
                    d.y + 1
                } else {
                    d.y
                }
            }
        })
    }

    /// `YYYY-MM` (or `XXXX-MM`) for a month name.
    pub fn month_named(&self, m: u32, dir: Dir) -> String {
        match self.year_of(m, 0, dir) {
            Some(y) => format!("{y:04}-{m:02}"),
            None => format!("XXXX-{m:02}"),
        }
    }

    /// A date without its year.
    pub fn month_day(&self, m: u32, day: u32, dir: Dir) -> String {
        match self.year_of(m, day, dir) {
            Some(y) => format!("{y:04}-{m:02}-{day:02}"),
            None => format!("XXXX-{m:02}-{day:02}"),
        }
    }

    /// A season ("this summer", "last fall"): its year by the same rule as months, taking a
    /// season's middle month.
    pub fn season(&self, code: &str, dir: Dir) -> String {
        let middle = match code {
            "SP" => 4,
            "SU" => 7,
            "FA" => 10,
            _ => 1,
        };
        match self.year_of(middle, 15, dir) {
            Some(y) => format!("{y:04}-{code}"),
            None => format!("XXXX-{code}"),
        }
    }

    /// A quarter named without a year ("the third quarter"): in reporting, the latest such
    /// quarter that has begun.
    pub fn quarter_named(&self, q: u32, years_back: i32) -> String {
        match self.dct {
            Some(d) => {
                let y = if q <= d.quarter() { d.y } else { d.y - 1 };
                format!("{:04}-Q{q}", y - years_back)
            }
            None => format!("XXXX-Q{q}"),
        }
    }

    /// "the quarter", "the latest quarter": the last completed one.
    pub fn latest_quarter(&self, years_back: i32) -> String {
        match self.dct {
            Some(d) => {
                let (y, m) = add_months(d.y - years_back, d.m, -3);
                format!("{y:04}-Q{}", (m - 1) / 3 + 1)
            }
            None => "XXXX-QX".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, future: bool) -> Anchor {
        Anchor {
            dct: Ymd::parse(date),
            future,
        }
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2021-08-27 is a Friday.
        let past = at("2021-08-27", false);
        assert_eq!(past.weekday(4, Dir::Tense), "2021-08-26");
        assert_eq!(past.weekday(5, Dir::Tense), "2021-08-27");
        assert_eq!(past.weekday(5, Dir::Last), "2021-08-20");
        assert_eq!(at("2021-08-27", true).weekday(4, Dir::Tense), "2021-09-02");
        assert_eq!(past.weekday(1, Dir::Next), "2021-08-30");
        assert_eq!(at("2021-08-27", true).weekday(5, Dir::Tense), "2021-08-27");
        assert_eq!(past.weekday(5, Dir::Next), "2021-09-03");
        assert_eq!(at("x", false).weekday(1, Dir::Tense), "XXXX-WXX-1");
    }

    #[test]
    fn months_follow_tense() {
        let past = at("2021-08-27", false);
        assert_eq!(past.month_named(3, Dir::Tense), "2021-03");
        assert_eq!(past.month_named(10, Dir::Tense), "2021-10");
        assert_eq!(
            at("1998-12-05", false).month_named(4, Dir::Tense),
            "1999-04"
        );
        assert_eq!(at("2021-08-27", true).month_named(3, Dir::Tense), "2022-03");
        assert_eq!(past.month_named(8, Dir::Last), "2020-08");
        assert_eq!(past.month_named(5, Dir::Last), "2021-05");
        assert_eq!(past.month_named(12, Dir::Tense), "2021-12");
        assert_eq!(
            at("1998-02-13", false).month_named(3, Dir::Tense),
            "1998-03"
        );
        assert_eq!(past.month_day(8, 30, Dir::Tense), "2021-08-30");
        assert_eq!(past.month_day(8, 26, Dir::Tense), "2021-08-26");
    }

    #[test]
    fn units_and_quarters() {
        let a = at("1989-11-02", false);
        assert_eq!(a.week(-1), "1989-W43");
        assert_eq!(a.month(-1), "1989-10");
        assert_eq!(a.year(-1), "1988");
        assert_eq!(a.quarter_named(3, 0), "1989-Q3");
        assert_eq!(a.quarter_named(4, 0), "1989-Q4");
        assert_eq!(a.latest_quarter(0), "1989-Q3");
        assert_eq!(a.latest_quarter(1), "1988-Q3");
        assert_eq!(at("x", false).year(-1), "XXXX");
    }
}
