//! Proleptic Gregorian calendar arithmetic: enough for resolving news dates, without a crate.
//! Day numbers follow Howard Hinnant's `days_from_civil` (day 0 = 1970-01-01).

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Ymd {
    /// Parses `YYYY-MM-DD` (a valid day of a year 1..=9999), the form every reference date takes.
    pub fn parse(s: &str) -> Option<Ymd> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s[..4].parse().ok()?;
        let m = s[5..7].parse().ok()?;
        let d = s[8..].parse().ok()?;
        Ymd::new(y, m, d)
    }

    /// A valid date, or `None` ("February 30").
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        ((1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= month_days(y, m))
            .then_some(Ymd { y, m, d })
    }

    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(self.m) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Ymd { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// ISO weekday: Monday 1 … Sunday 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let first = Ymd {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        let week = (thursday.days() - first.days()) / 7 + 1;
        (thursday.y, week as u32)
    }

    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// The year and month `n` months after `(y, m)`.
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let index = y * 12 + m as i32 - 1 + n;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

fn month_days(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekdays() {
        let d = Ymd::parse("2021-08-27").unwrap();
        assert_eq!(Ymd::from_days(d.days()), d);
        assert_eq!(Ymd::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(d.weekday(), 5, "a Friday");
        assert_eq!(d.add_days(-1).iso(), "2021-08-26");
        assert_eq!(
            Ymd::parse("2000-03-01").unwrap().add_days(-1).iso(),
            "2000-02-29"
        );
        assert!(Ymd::parse("2021-02-29").is_none());
    }

    #[test]
    fn iso_weeks_cross_years() {
        assert_eq!(Ymd::parse("2021-08-27").unwrap().iso_week(), (2021, 34));
        assert_eq!(Ymd::parse("2021-01-01").unwrap().iso_week(), (2020, 53));
        assert_eq!(Ymd::parse("2019-12-30").unwrap().iso_week(), (2020, 1));
        assert_eq!(add_months(2021, 1, -1), (2020, 12));
        assert_eq!(add_months(2021, 12, 1), (2022, 1));
    }
}
