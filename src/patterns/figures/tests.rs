use super::lexicon::{lines, FILES};
use super::*;

/// What one figure should look like: its text, value or bounds, qualifier and unit.
struct Want {
    text: &'static str,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<&'static str>,
    unit: Option<&'static str>,
}

const fn v(text: &'static str, value: f64, unit: Option<&'static str>) -> Want {
    Want {
        text,
        value: Some(value),
        low: None,
        high: None,
        qualifier: None,
        unit,
    }
}

const fn q(
    text: &'static str,
    value: f64,
    qualifier: &'static str,
    unit: Option<&'static str>,
) -> Want {
    Want {
        text,
        value: Some(value),
        low: None,
        high: None,
        qualifier: Some(qualifier),
        unit,
    }
}

const fn r(text: &'static str, low: f64, high: f64, unit: Option<&'static str>) -> Want {
    Want {
        text,
        value: None,
        low: Some(low),
        high: Some(high),
        qualifier: Some("range"),
        unit,
    }
}

const fn vague(
    text: &'static str,
    value: Option<f64>,
    low: f64,
    high: f64,
    unit: Option<&'static str>,
) -> Want {
    Want {
        text,
        value,
        low: Some(low),
        high: Some(high),
        qualifier: Some("about"),
        unit,
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn check(cases: &[(&str, Vec<Want>)]) {
    let parser = FigureParser::new();
    let mut failures = Vec::new();
    for (text, wants) in cases {
        let got = parser.find(text);
        let shown: Vec<String> = got
            .iter()
            .map(|f| {
                format!(
                    "{:?} v={:?} lo={:?} hi={:?} q={:?} u={:?}",
                    f.span.text(text),
                    f.value,
                    f.low,
                    f.high,
                    f.qualifier.map(Qualifier::as_str),
                    f.unit
                )
            })
            .collect();
        let ok = got.len() == wants.len()
            && got.iter().zip(wants).all(|(f, w)| {
                f.span.text(text) == w.text
                    && close(f.value, w.value)
                    && close(f.low, w.low)
                    && close(f.high, w.high)
                    && f.qualifier.map(Qualifier::as_str) == w.qualifier
                    && f.unit.as_deref() == w.unit
            });
        if !ok {
            failures.push(format!("{text:?}\n    got {shown:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn digits_and_separators() {
    check(&[
        (
            "Police counted 1,234,567 votes.",
            vec![v("1,234,567 votes", 1234567.0, Some("votes"))],
        ),
        (
            "The rate was 0.75 and then .5 later.",
            vec![v("0.75", 0.75, None), v(".5", 0.5, None)],
        ),
        ("It fell to -3.5 overnight.", vec![v("-3.5", -3.5, None)]),
        (
            "A crowd of 12 000 gathered.",
            vec![v("12 000", 12000.0, None)],
        ),
        (
            "They sold 3\u{202f}400\u{202f}000.25 units.",
            vec![v(
                "3\u{202f}400\u{202f}000.25 units",
                3400000.25,
                Some("units"),
            )],
        ),
        (
            "The ship carried 10k tonnes and 1.2m barrels.",
            vec![
                v("10k tonnes", 10000.0, Some("tonnes")),
                v("1.2m barrels", 1.2e6, Some("barrels")),
            ],
        ),
        ("Output reached 4.5bn.", vec![v("4.5bn", 4.5e9, None)]),
        ("The road is 12km long.", vec![v("12km", 12.0, Some("km"))]),
        (
            "About ¾ of it was lost.",
            vec![q("About ¾", 0.75, "about", None)],
        ),
    ]);
}

#[test]
fn number_words() {
    check(&[
        (
            "She waited twenty-one days.",
            vec![v("twenty-one days", 21.0, Some("days"))],
        ),
        (
            "He said one hundred and two.",
            vec![v("one hundred and two", 102.0, None)],
        ),
        (
            "Some seven million five hundred twenty thousand voted.",
            vec![q(
                "Some seven million five hundred twenty thousand",
                7520000.0,
                "about",
                None,
            )],
        ),
        (
            "It was four thousand 3 hundred and 21 in all.",
            vec![v("four thousand 3 hundred and 21", 4321.0, None)],
        ),
        (
            "They bought a dozen crates and two dozen bottles.",
            vec![
                v("a dozen crates", 12.0, Some("crates")),
                v("two dozen bottles", 24.0, Some("bottles")),
            ],
        ),
        ("We need half a dozen.", vec![v("half a dozen", 6.0, None)]),
        (
            "It costs a million and the rest.",
            vec![v("a million", 1e6, None)],
        ),
        (
            "Roughly two and a half million tickets sold.",
            vec![q(
                "Roughly two and a half million tickets",
                2.5e6,
                "about",
                Some("tickets"),
            )],
        ),
        (
            "A grant of three point five million arrived.",
            vec![v("three point five million", 3.5e6, None)],
        ),
        (
            "Two thirds of voters agreed.",
            vec![v("Two thirds of voters", 2.0 / 3.0, Some("voters"))],
        ),
        (
            "A quarter of the staff left.",
            vec![v("A quarter of the staff", 0.25, Some("staff"))],
        ),
        (
            "The answer is minus four.",
            vec![v("minus four", -4.0, None)],
        ),
        (
            "One in four adults smoke.",
            vec![v("One in four adults", 0.25, Some("adults"))],
        ),
    ]);
}

#[test]
fn money_and_percent() {
    check(&[
        (
            "The deal is worth $3.5 billion.",
            vec![v("$3.5 billion", 3.5e9, Some("USD"))],
        ),
        (
            "Schools get £5bn and €20m.",
            vec![v("£5bn", 5e9, Some("GBP")), v("€20m", 2e7, Some("EUR"))],
        ),
        (
            "It paid US$40 million, or Rs 300 crore.",
            vec![
                v("US$40 million", 4e7, Some("USD")),
                v("Rs 300 crore", 3e9, Some("INR")),
            ],
        ),
        (
            "A fine of 2,000 Swiss francs.",
            vec![v("2,000 Swiss francs", 2000.0, Some("CHF"))],
        ),
        (
            "Tickets cost 15 EUR each.",
            vec![v("15 EUR", 15.0, Some("EUR"))],
        ),
        (
            "It was five dollars and twenty cents.",
            vec![v("five dollars and twenty cents", 5.2, Some("USD"))],
        ),
        (
            "Turnout was 12 percent, up from 9%.",
            vec![
                v("12 percent", 12.0, Some("percent")),
                v("9%", 9.0, Some("percent")),
            ],
        ),
        (
            "Nearly 40 per cent of homes.",
            vec![q("Nearly 40 per cent", 40.0, "about", Some("percent"))],
        ),
        (
            "Prices rose 3% to $120.",
            vec![v("3%", 3.0, Some("percent")), v("$120", 120.0, Some("USD"))],
        ),
        (
            "A $5 million grant.",
            vec![v("$5 million", 5e6, Some("USD"))],
        ),
    ]);
}

#[test]
fn hedges() {
    check(&[
        (
            "They caused at least 250 incidents.",
            vec![q(
                "at least 250 incidents",
                250.0,
                "at_least",
                Some("incidents"),
            )],
        ),
        (
            "There were over 100 attacks.",
            vec![q("over 100 attacks", 100.0, "more_than", Some("attacks"))],
        ),
        (
            "More than 1,200 people fled.",
            vec![q(
                "More than 1,200 people",
                1200.0,
                "more_than",
                Some("people"),
            )],
        ),
        (
            "Up to 5,000 refugees may come.",
            vec![q(
                "Up to 5,000 refugees",
                5000.0,
                "at_most",
                Some("refugees"),
            )],
        ),
        (
            "Fewer than 30 remained.",
            vec![q("Fewer than 30", 30.0, "less_than", None)],
        ),
        ("Almost 90 died.", vec![q("Almost 90", 90.0, "about", None)]),
        (
            "An estimated 3,000 marched.",
            vec![q("An estimated 3,000", 3000.0, "about", None)],
        ),
        (
            "He scored 200 or more.",
            vec![q("200 or more", 200.0, "at_least", None)],
        ),
        (
            "They took 40-odd hostages.",
            vec![q("40-odd hostages", 40.0, "about", Some("hostages"))],
        ),
        (
            "No more than 12 seats.",
            vec![q("No more than 12 seats", 12.0, "at_most", Some("seats"))],
        ),
    ]);
}

#[test]
fn ranges() {
    check(&[
        (
            "Between 300 and 400 people came.",
            vec![r(
                "Between 300 and 400 people",
                300.0,
                400.0,
                Some("people"),
            )],
        ),
        (
            "It took 10-15 minutes.",
            vec![r("10-15 minutes", 10.0, 15.0, Some("minutes"))],
        ),
        (
            "Costs rose from $5 to $7 million.",
            vec![r("from $5 to $7 million", 5e6, 7e6, Some("USD"))],
        ),
        (
            "Growth of 2 to 3 percent.",
            vec![r("2 to 3 percent", 2.0, 3.0, Some("percent"))],
        ),
        (
            "Two or three times a week.",
            vec![r("Two or three times", 2.0, 3.0, Some("times"))],
        ),
        (
            "A value above 50 and below 80.",
            vec![r("above 50 and below 80", 50.0, 80.0, None)],
        ),
        (
            "The bill passed by 52 votes to 48.",
            vec![v("52 votes", 52.0, Some("votes")), v("48", 48.0, None)],
        ),
        ("They won 3-1 at home.", vec![]),
    ]);
}

#[test]
fn vague_amounts() {
    check(&[
        (
            "The group has a few thousand members.",
            vec![vague(
                "a few thousand members",
                Some(3000.0),
                2000.0,
                9000.0,
                Some("members"),
            )],
        ),
        (
            "Dozens of protesters were held.",
            vec![vague(
                "Dozens of protesters",
                None,
                24.0,
                120.0,
                Some("protesters"),
            )],
        ),
        (
            "Hundreds of thousands of people marched.",
            vec![vague(
                "Hundreds of thousands of people",
                None,
                200000.0,
                999999.0,
                Some("people"),
            )],
        ),
        (
            "Tens of thousands have fled.",
            vec![vague("Tens of thousands", None, 20000.0, 99999.0, None)],
        ),
        (
            "Several hundred homes burned.",
            vec![vague(
                "Several hundred homes",
                None,
                300.0,
                900.0,
                Some("homes"),
            )],
        ),
        (
            "She stayed a couple of weeks.",
            vec![v("a couple of weeks", 2.0, Some("weeks"))],
        ),
        ("They scored in the tests.", vec![]),
        ("The couple from Leeds won.", vec![]),
    ]);
}

#[test]
fn never_figures() {
    check(&[
        ("It began in 2015 and grew in 2017 and 2018.", vec![]),
        (
            "Since the 1990s and the '80s, output fell in 2013-14.",
            vec![],
        ),
        (
            "The F-35 and G7 and G-20 and COVID-19 and MH17 made news.",
            vec![],
        ),
        ("He flew a Boeing 737 running Windows 10.", vec![]),
        ("See Article 5 and Section 230 and No. 10.", vec![]),
        ("We met on January 27 and on 3 March, 2019.", vec![]),
        ("The date was 27/08/2021, or 2021-08-27.", vec![]),
        ("Doors open at 3:30 pm and close at 5 p.m.", vec![]),
        ("Call 555-0142 or +44 20 7946 0018.", vec![]),
        ("She lives at 10 Downing Street.", vec![]),
        ("He came 4th and then 21st.", vec![]),
        ("One of the men said no one knew the one who left.", vec![]),
        ("This one is the one day we meet.", vec![]),
        ("A second look at the first half of the year.", vec![]),
        ("A 5G network and 3D glasses.", vec![]),
        ("Version 1.2.3 shipped.", vec![]),
    ]);
}

#[test]
fn spans_cover_hedge_number_and_noun() {
    let parser = FigureParser::new();
    let text = "Officials say the group had about 2,000 fighters, and a few thousand members.";
    let figs = parser.find(text);
    let texts: Vec<&str> = figs.iter().map(|f| f.span.text(text)).collect();
    assert_eq!(texts, ["about 2,000 fighters", "a few thousand members"]);
    assert!(figs.iter().all(|f| f.approximate));
}

#[test]
fn no_panics_and_spans_on_char_boundaries() {
    let parser = FigureParser::new();
    let samples = [
        "£",
        "$",
        // Unicode hyphens are three bytes: the look-behind must step over all of them.
        "\u{2010}3",
        "a \u{2011}5 people",
        "F\u{2010}35 jets",
        "€5",
        "5€",
        "-",
        "−5",
        "½",
        "a",
        "a few",
        "half",
        "one",
        "1,",
        "1.",
        ".",
        "1 ",
        "1\u{a0}",
        "1\u{202f}000\u{202f}",
        "twenty-",
        "and",
        "between 5 and",
        "from 3 to",
        "US$",
        "Rs",
        "5 %",
        "tens of",
        "dozens of",
        "a quarter",
        "3:",
        "3/",
        "12-",
        "+1-",
        "日本 5 円 ½ 二",
        "5\u{301}",
        "é5é",
        "0.5.",
        "99999999999999999999999999999999999999",
    ];
    for s in samples {
        for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
            for text in [&s[..i], &s[i..], s] {
                for f in parser.find(text) {
                    assert!(
                        text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end)
                    );
                    assert!(f.span.start < f.span.end && f.span.end <= text.len());
                }
            }
        }
    }
}

#[test]
fn word_lists_are_sorted_deduped_and_trimmed() {
    for (name, body) in FILES {
        let rows: Vec<&str> = lines(body).collect();
        for row in &rows {
            assert_eq!(row.trim(), *row, "{name}: untrimmed line {row:?}");
        }
        let mut sorted = rows.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(rows, sorted, "{name} is not sorted and deduplicated");
    }
}

#[test]
fn fractions_exponents_and_units() {
    check(&[
        (
            "Add 2 1/2 cups, then 3/4 of the flour.",
            vec![
                v("2 1/2 cups", 2.5, Some("cups")),
                v("3/4 of the flour", 0.75, Some("flour")),
            ],
        ),
        (
            "It holds 6.5e3 litres.",
            vec![v("6.5e3 litres", 6500.0, Some("litres"))],
        ),
        (
            "It was -10°C at dawn.",
            vec![v("-10°C", -10.0, Some("degrees Celsius"))],
        ),
        (
            "Shares closed down 247p.",
            vec![v("247p", 247.0, Some("pence"))],
        ),
        (
            "Exports hit 8.2bn euros.",
            vec![v("8.2bn euros", 8.2e9, Some("EUR"))],
        ),
        (
            "Rates rose by 0.5 to 4.5%.",
            vec![v("0.5", 0.5, None), v("4.5%", 4.5, Some("percent"))],
        ),
        (
            "Sales fell from 36,185 in 2003 to 28,041.",
            vec![v("36,185", 36185.0, None), v("28,041", 28041.0, None)],
        ),
    ]);
}

#[test]
fn names_pronouns_and_dates_are_not_figures() {
    check(&[
        ("He used an iPhone 12 and a PlayStation 5.", vec![]),
        ("They fought in World War Two and watched BBC One.", vec![]),
        (
            "It was a compelling one, and the least feasible one.",
            vec![],
        ),
        ("The dates were 9/11 and 24/7.", vec![]),
        (
            "Sales were about 2005 levels, above 2004's and up to 2010.",
            vec![],
        ),
        ("Concerts on 22 and 23 June were sold out.", vec![]),
        ("He ran the 800m final.", vec![]),
    ]);
}

#[test]
fn random_inputs_never_panic_and_give_ordered_spans() {
    const PIECES: &[&str] = &[
        "1", "0", "9", "12", "2015", ",", " ", ".", "-", "\u{2212}", "$", "£", "€", "%", "/", ":",
        "a", "m", "k", "bn", "one", "half", "and", "a few", "million", "to", "between", "of",
        "\u{a0}", "\u{202f}", "é", "日", "'", "s", "the", "\n", "¾", "US$", "Rs", "or more",
        "dozens", "tens", "at least", "per cent", "°C", "e", "+", "(", ")", "A",
    ];
    let parser = FigureParser::new();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let mut last_end = 0;
        for f in parser.find(&text) {
            assert!(
                f.span.start >= last_end && f.span.start < f.span.end,
                "{text:?}"
            );
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            assert!(
                f.value.is_some() || (f.low.is_some() && f.high.is_some()),
                "{text:?}"
            );
            last_end = f.span.end;
        }
    }
}

#[test]
fn long_inputs_stay_linear() {
    let parser = FigureParser::new();
    for unit in [
        "1 ",
        "one ",
        "1,000 ",
        "between 1 and ",
        "$",
        "a few ",
        "12-",
        "9 99 ",
    ] {
        let text = unit.repeat(20_000);
        let start = std::time::Instant::now();
        parser.find(&text);
        assert!(start.elapsed().as_secs() < 5, "{unit:?} repeated is slow");
    }
}

#[test]
fn bounds_both_ways_and_ordinals() {
    check(&[
        (
            "Less than 30 but more than 10 came.",
            vec![r("Less than 30 but more than 10", 10.0, 30.0, None)],
        ),
        (
            "It took 1.5-2 hours.",
            vec![r("1.5-2 hours", 1.5, 2.0, Some("hours"))],
        ),
        (
            "Scores of 30 and up.",
            vec![q("30 and up", 30.0, "at_least", None)],
        ),
        ("On the twenty-first day and the thirty-third.", vec![]),
        (
            "It offered $280 million first-lien notes.",
            vec![v("$280 million", 2.8e8, Some("USD"))],
        ),
    ]);
}

#[test]
fn phone_shapes_and_periods() {
    check(&[
        ("Call 555-1234 or 555 0143 or (212) 555-0199.", vec![]),
        (
            "Between 100-1000 people.",
            vec![r("Between 100-1000 people", 100.0, 1000.0, Some("people"))],
        ),
        ("Profits fell in the preceding three quarters.", vec![]),
        ("Shares rose 5pc.", vec![v("5pc", 5.0, Some("percent"))]),
        ("Talks with the P5+1 resumed.", vec![]),
    ]);
}

#[test]
fn zero_as_an_amount_only() {
    check(&[
        ("A zero tolerance policy.", vec![]),
        ("Output fell to zero.", vec![v("zero", 0.0, None)]),
        (
            "There were zero deaths.",
            vec![v("zero deaths", 0.0, Some("deaths"))],
        ),
    ]);
}
