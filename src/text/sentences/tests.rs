use super::lexicon::{entries, LISTS};
use super::SentenceSplitter;

/// Splits `text` and returns the sentences trimmed, checking that they tile it.
fn sentences(text: &str) -> Vec<String> {
    let spans = SentenceSplitter::new().split(text);
    assert_tiles(text, &spans);
    spans
        .iter()
        .map(|s| s.text(text).trim().to_string())
        .collect()
}

fn assert_tiles(text: &str, spans: &[crate::document::Span]) {
    if text.is_empty() {
        assert!(spans.is_empty());
        return;
    }
    assert_eq!(spans.first().map(|s| s.start), Some(0), "{text:?}");
    assert_eq!(spans.last().map(|s| s.end), Some(text.len()), "{text:?}");
    for pair in spans.windows(2) {
        assert_eq!(pair[0].end, pair[1].start, "{text:?}");
    }
    for span in spans {
        assert!(span.start < span.end, "empty sentence in {text:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
}

/// Each case: the text and the sentences it must give. Texts are written for these tests.
const CASES: &[(&str, &[&str])] = &[
    // Plain terminators.
    (
        "The minister resigned. Her deputy took over.",
        &["The minister resigned.", "Her deputy took over."],
    ),
    (
        "Did it work? Nobody knows! Talks resume today.",
        &["Did it work?", "Nobody knows!", "Talks resume today."],
    ),
    ("Really?! Yes.", &["Really?!", "Yes."]),
    ("Why?? Because.", &["Why??", "Because."]),
    // Titles never end a sentence.
    (
        "Mr. Obama met Dr. Jill Ward in Ohio.",
        &["Mr. Obama met Dr. Jill Ward in Ohio."],
    ),
    (
        "Gen. Mark Milley and Sen. Joe Price spoke on Tuesday.",
        &["Gen. Mark Milley and Sen. Joe Price spoke on Tuesday."],
    ),
    (
        "She lives on St. James Street.",
        &["She lives on St. James Street."],
    ),
    (
        "We flew over Mt. Kenya at dawn.",
        &["We flew over Mt. Kenya at dawn."],
    ),
    (
        "She called a sales rep. The line was busy.",
        &["She called a sales rep.", "The line was busy."],
    ),
    // ... but a street abbreviation after a name may.
    (
        "He works at 10 Main St. The office is small.",
        &["He works at 10 Main St.", "The office is small."],
    ),
    // Country initialisms and company suffixes end a sentence only before a starter.
    (
        "The U.S. Army said it had moved troops.",
        &["The U.S. Army said it had moved troops."],
    ),
    (
        "Troops left the U.S. They reached Kabul a day later.",
        &["Troops left the U.S.", "They reached Kabul a day later."],
    ),
    (
        "He was arrested by the F.B.I. Officials gave no details.",
        &[
            "He was arrested by the F.B.I.",
            "Officials gave no details.",
        ],
    ),
    (
        "The F.B.I. Director spoke in Washington, D.C. Two aides joined him.",
        &[
            "The F.B.I. Director spoke in Washington, D.C.",
            "Two aides joined him.",
        ],
    ),
    (
        "Gov. Andrew M. Cuomo signed it.",
        &["Gov. Andrew M. Cuomo signed it."],
    ),
    (
        "It backed the U.S.-led coalition.",
        &["It backed the U.S.-led coalition."],
    ),
    (
        "The U.N. Security Council met.",
        &["The U.N. Security Council met."],
    ),
    (
        "Shares of Acme Corp. rose sharply.",
        &["Shares of Acme Corp. rose sharply."],
    ),
    (
        "He sold the land to Acme Corp. The deal was signed on Friday.",
        &[
            "He sold the land to Acme Corp.",
            "The deal was signed on Friday.",
        ],
    ),
    (
        "Acme Inc. Chairman Bo Lind left.",
        &["Acme Inc. Chairman Bo Lind left."],
    ),
    // Abbreviations before numbers.
    (
        "The vote is set for Jan. 20, officials said.",
        &["The vote is set for Jan. 20, officials said."],
    ),
    (
        "The house at No. 10 was empty.",
        &["The house at No. 10 was empty."],
    ),
    (
        "See p. 12 for the full table.",
        &["See p. 12 for the full table."],
    ),
    ("Vol. II covers the war.", &["Vol. II covers the war."]),
    (
        "He said no. The talks collapsed.",
        &["He said no.", "The talks collapsed."],
    ),
    // Units after a number.
    (
        "The tower is 300 ft. tall.",
        &["The tower is 300 ft. tall."],
    ),
    (
        "The fish weighed 12 lb. Anglers cheered.",
        &["The fish weighed 12 lb.", "Anglers cheered."],
    ),
    (
        "It measured 5 ft. 2 in. across.",
        &["It measured 5 ft. 2 in. across."],
    ),
    (
        "Please come in. Sit anywhere.",
        &["Please come in.", "Sit anywhere."],
    ),
    // Never-final abbreviations.
    (
        "Bring fruit, e.g. Apples or pears.",
        &["Bring fruit, e.g. Apples or pears."],
    ),
    (
        "It was Leeds vs. Hull on Sunday.",
        &["It was Leeds vs. Hull on Sunday."],
    ),
    (
        "Ward et al. reported the same.",
        &["Ward et al. reported the same."],
    ),
    // Times and eras.
    (
        "The meeting ended at 10 p.m. Protesters stayed outside.",
        &["The meeting ended at 10 p.m.", "Protesters stayed outside."],
    ),
    (
        "At 6 a.m. Mr. Jones opened the gates.",
        &["At 6 a.m. Mr. Jones opened the gates."],
    ),
    (
        "At 6 a.m. The gates opened.",
        &["At 6 a.m.", "The gates opened."],
    ),
    (
        "The event starts at 9 a.m. on Monday.",
        &["The event starts at 9 a.m. on Monday."],
    ),
    (
        "The vote closes at 8 p.m. EST on Tuesday.",
        &["The vote closes at 8 p.m. EST on Tuesday."],
    ),
    (
        "The rally starts at 5 p.m. Friday in the park.",
        &["The rally starts at 5 p.m. Friday in the park."],
    ),
    (
        "He left at 5 p.m., police said.",
        &["He left at 5 p.m., police said."],
    ),
    (
        "It happened in 300 B.C. Historians disagree.",
        &["It happened in 300 B.C.", "Historians disagree."],
    ),
    (
        "In 300 B.C. Rome was small.",
        &["In 300 B.C. Rome was small."],
    ),
    // Degrees and "etc." usually close what they belong to.
    (
        "Jones, Ph.D., led the study.",
        &["Jones, Ph.D., led the study."],
    ),
    (
        "She holds a Ph.D. Her thesis was on rivers.",
        &["She holds a Ph.D.", "Her thesis was on rivers."],
    ),
    (
        "They sold fish, bread, etc. Trade was good.",
        &["They sold fish, bread, etc.", "Trade was good."],
    ),
    // Initials.
    (
        "C. S. Lewis taught at Oxford.",
        &["C. S. Lewis taught at Oxford."],
    ),
    (
        "Harry S. Truman was president.",
        &["Harry S. Truman was president."],
    ),
    (
        "The memo went to J.K. Rowe and staff.",
        &["The memo went to J.K. Rowe and staff."],
    ),
    (
        "It was my turn, not you and I. We argued.",
        &["It was my turn, not you and I.", "We argued."],
    ),
    (
        "World War I. The war ended in 1918.",
        &["World War I.", "The war ended in 1918."],
    ),
    (
        "Q. Who won? A. The home side.",
        &["Q. Who won?", "A. The home side."],
    ),
    // Numbers.
    (
        "The price rose to $3.50 a gallon.",
        &["The price rose to $3.50 a gallon."],
    ),
    (
        "Inflation hit 3.2 percent. Wages fell.",
        &["Inflation hit 3.2 percent.", "Wages fell."],
    ),
    (
        "It cost $1,200. Buyers balked.",
        &["It cost $1,200.", "Buyers balked."],
    ),
    (
        "The rate was 2.5%. Analysts expected more.",
        &["The rate was 2.5%.", "Analysts expected more."],
    ),
    (
        "The game ended 3-1. Fans left early.",
        &["The game ended 3-1.", "Fans left early."],
    ),
    (
        "Version 2.0.1 shipped today.",
        &["Version 2.0.1 shipped today."],
    ),
    (
        "She finished 2nd in the 100 m. The winner was Kenyan.",
        &["She finished 2nd in the 100 m.", "The winner was Kenyan."],
    ),
    // Ellipses.
    ("Wait... what happened?", &["Wait... what happened?"]),
    (
        "She paused... Then she left.",
        &["She paused...", "Then she left."],
    ),
    ("I wondered… I stayed.", &["I wondered… I stayed."]),
    ("It fell . . . and broke.", &["It fell . . . and broke."]),
    // Quotes: closing marks stay with the sentence; quotations are not split inside, but for
    // news's attributed quote that opens its sentence, split as news treebanks do.
    ("\"We will win,\" he said.", &["\"We will win,\" he said."]),
    (
        "“Crews are ready. The pumps run all night. We will hold,” the mayor said. Rain fell.",
        &[
            "“Crews are ready.",
            "The pumps run all night.",
            "We will hold,” the mayor said.",
            "Rain fell.",
        ],
    ),
    (
        "\"Prices fell. Nobody expected it,\" said Lena Ortiz.",
        &["\"Prices fell.", "Nobody expected it,\" said Lena Ortiz."],
    ),
    (
        "\"Hush! The owl is near,\" whispered the fox.",
        &["\"Hush! The owl is near,\" whispered the fox."],
    ),
    (
        "The fox replied, \"I am tired. I should sleep,\" and left.",
        &["The fox replied, \"I am tired. I should sleep,\" and left."],
    ),
    (
        "“We will win!” he said. The crowd cheered.",
        &["“We will win!” he said.", "The crowd cheered."],
    ),
    (
        "“We will win.” The crowd cheered.",
        &["“We will win.”", "The crowd cheered."],
    ),
    (
        "He asked, \"Is it safe?\" Nobody answered.",
        &["He asked, \"Is it safe?\"", "Nobody answered."],
    ),
    (
        "The firm said: \"Sales fell. Costs rose.\" Shares dropped.",
        &[
            "The firm said: \"Sales fell. Costs rose.\"",
            "Shares dropped.",
        ],
    ),
    (
        "She called it 'fine.' He disagreed.",
        &["She called it 'fine.'", "He disagreed."],
    ),
    (
        "The '90s were different. People wrote letters.",
        &["The '90s were different.", "People wrote letters."],
    ),
    ("It’s over. Don’t worry.", &["It’s over.", "Don’t worry."]),
    (
        "“If you please, sir—” The clerk had gone.",
        &["“If you please, sir—”", "The clerk had gone."],
    ),
    // Brackets.
    (
        "The budget (about 2 bn.) was approved.",
        &["The budget (about 2 bn.) was approved."],
    ),
    (
        "Rates rose. (The bank had warned.) Markets fell.",
        &["Rates rose.", "(The bank had warned.)", "Markets fell."],
    ),
    (
        "Talks begin at 10 a.m. (0800 GMT) in Geneva.",
        &["Talks begin at 10 a.m. (0800 GMT) in Geneva."],
    ),
    (
        "Attacks rose in 2020. (UNHCR). Officials disagree.",
        &["Attacks rose in 2020. (UNHCR).", "Officials disagree."],
    ),
    (
        "“We are ready.” (He did not say when.) Talks went on.",
        &[
            "“We are ready.”",
            "(He did not say when.)",
            "Talks went on.",
        ],
    ),
    (
        "The tally rose.[2] Officials confirmed it.",
        &["The tally rose.[2]", "Officials confirmed it."],
    ),
    (
        "Rain fell. [3] Rivers rose.",
        &["Rain fell. [3]", "Rivers rose."],
    ),
    // Addresses.
    (
        "Write to press@example.org. We reply within a day.",
        &["Write to press@example.org.", "We reply within a day."],
    ),
    (
        "Details are at https://example.com/a.b/c. More will follow.",
        &[
            "Details are at https://example.com/a.b/c.",
            "More will follow.",
        ],
    ),
    (
        "Visit www.example.com for details.",
        &["Visit www.example.com for details."],
    ),
    ("Open report.pdf now.", &["Open report.pdf now."]),
    // Missing spaces.
    (
        "It rained.Then it stopped.",
        &["It rained.", "Then it stopped."],
    ),
    (
        "It was sold for 900.That was cheap.",
        &["It was sold for 900.", "That was cheap."],
    ),
    // Exclamation marks in names.
    (
        "It was Yahoo! that bought the firm.",
        &["It was Yahoo! that bought the firm."],
    ),
    ("Stop! he shouted.", &["Stop! he shouted."]),
    // Lists and bullets.
    (
        "Items: 1. Bread 2. Milk 3. Eggs",
        &["Items:", "1. Bread", "2. Milk", "3. Eggs"],
    ),
    ("a) one b) two c) three", &["a) one", "b) two", "c) three"]),
    (
        "• First point • Second point",
        &["• First point", "• Second point"],
    ),
    (
        "Pay for 1. above and for 2. above.",
        &["Pay for 1. above and for 2. above."],
    ),
    // Line breaks.
    (
        "Floods hit the coast\nThousands fled their homes. Roads closed.",
        &[
            "Floods hit the coast",
            "Thousands fled their homes.",
            "Roads closed.",
        ],
    ),
    (
        "First paragraph.\n\nSecond paragraph.",
        &["First paragraph.", "Second paragraph."],
    ),
    (
        "Line one\r\nLine two\rLine three",
        &["Line one", "Line two", "Line three"],
    ),
    (
        "date 2024-03-01 Floods: Who Is at Risk? Thousands Flee\n\nThe body. More.",
        &[
            "date 2024-03-01 Floods: Who Is at Risk? Thousands Flee",
            "The body.",
            "More.",
        ],
    ),
    (
        "date 2024-03-01 Dr. Who? No.\nBody text. More.",
        &["date 2024-03-01 Dr. Who? No.", "Body text.", "More."],
    ),
    ("dated 2024 notes. Next.", &["dated 2024 notes.", "Next."]),
    (
        "The committee met on Monday to discuss the proposals that had been\n\
         submitted by the regional offices over the previous three months of\n\
         consultation. Members agreed to publish a summary of the findings\n\
         before the end of the year.\n\
         No vote was held.",
        &[
            "The committee met on Monday to discuss the proposals that had been\n\
             submitted by the regional offices over the previous three months of\n\
             consultation.",
            "Members agreed to publish a summary of the findings\nbefore the end of the year.",
            "No vote was held.",
        ],
    ),
    // White space and other scripts.
    (
        "Prices rose.\u{a0}Then they fell.",
        &["Prices rose.", "Then they fell."],
    ),
    ("你好。再见。", &["你好。", "再见。"]),
    (
        "  Leading space. Trailing space.  ",
        &["Leading space.", "Trailing space."],
    ),
    ("...", &["..."]),
    ("?!", &["?!"]),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got = sentences(text);
        if got != *want {
            failures.push(format!("{text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn empty_text_has_no_sentences() {
    assert!(SentenceSplitter::new().split("").is_empty());
    assert_eq!(SentenceSplitter::new().split("\n\n").len(), 1);
}

#[test]
fn trailing_whitespace_belongs_to_the_sentence_before() {
    let text = "One.  Two.\n\nThree. ";
    let spans = SentenceSplitter::new().split(text);
    let parts: Vec<&str> = spans.iter().map(|s| s.text(text)).collect();
    assert_eq!(parts, ["One.  ", "Two.\n\n", "Three. "]);
}

/// A small deterministic generator, so the property test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn sentences_tile_random_text() {
    const PIECES: &[&str] = &[
        "word",
        "Word",
        "Mr",
        "U.S",
        "e.g",
        "p",
        "No",
        "a.m",
        "Inc",
        "I",
        "A",
        "x",
        "12",
        "3.5",
        "1,000",
        "ii",
        "(",
        ")",
        "[",
        "]",
        "[1]",
        "{",
        "}",
        ".",
        ". ",
        "..",
        "...",
        "…",
        "!",
        "?",
        "?!",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u{a0}",
        "\u{2028}",
        "\"",
        "'",
        "''",
        "``",
        "`",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "「",
        "」",
        "（",
        "）",
        "。",
        "．",
        "！",
        "？",
        "•",
        "⁃",
        "-",
        "--",
        "—",
        "–",
        ",",
        ";",
        ":",
        "@",
        "://",
        "www.",
        "1.",
        "a)",
        "(b)",
        "iv.",
        "date 2021-01-02 ",
        "é",
        "ǃ",
        "😀",
        "日本",
        "\t",
        "\u{0085}",
        "$",
        "%",
        "°",
    ];
    let splitter = SentenceSplitter::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..6000 {
        let n = (rng.next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..n {
            if rng.next() % 8 == 0 {
                // Any Unicode scalar value, weighted towards the lower planes.
                let limit = [0x80, 0x800, 0x1_0000, 0x11_0000][(rng.next() % 4) as usize];
                text.extend(char::from_u32((rng.next() % limit) as u32));
            } else {
                text.push_str(rng.pick(PIECES));
            }
        }
        let spans = splitter.split(&text);
        assert_tiles(&text, &spans);
    }
}

#[test]
fn long_pathological_inputs_stay_fast() {
    let splitter = SentenceSplitter::new();
    let pieces = [
        ". ", "(", "\"", "a. ", "1) ", "Mr. ", "...", "'' ", "— ", "!", "• ", "x.[", "“a. ",
        "(a.) ",
    ];
    let nested = format!(
        "{}{}{}",
        "(".repeat(5_000),
        "a. ".repeat(5_000),
        ")".repeat(5_000)
    );
    let texts = pieces.iter().map(|p| p.repeat(20_000)).chain([nested]);
    for text in texts {
        let start = std::time::Instant::now();
        let spans = splitter.split(&text);
        assert_tiles(&text, &spans);
        let head = &text[..text.len().min(12)];
        assert!(start.elapsed().as_secs_f64() < 2.0, "slow on {head:?}…");
    }
}

#[test]
fn lists_are_normalised() {
    for list in LISTS {
        let words: Vec<&str> = entries(list.text).collect();
        assert!(!words.is_empty(), "{} is empty", list.name);
        for pair in words.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{}: {:?} not sorted or repeated",
                list.name,
                pair
            );
        }
        for word in &words {
            assert_eq!(
                *word,
                word.to_lowercase(),
                "{}: {word:?} not lower case",
                list.name
            );
            assert!(
                !word.ends_with('.'),
                "{}: {word:?} ends with a period",
                list.name
            );
            assert!(
                !word.contains(char::is_whitespace),
                "{}: {word:?}",
                list.name
            );
        }
    }
}

/// Throughput on the BBC corpus (`../shared/corpus/bbc`, not part of the repository):
/// `cargo test --release -- --ignored --nocapture sentence_throughput`.
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn sentence_throughput() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc");
    let mut texts = Vec::new();
    for dir in std::fs::read_dir(&root).expect("corpus folder") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("category folder") {
            let path = file.expect("entry").path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let splitter = SentenceSplitter::new();
    let rounds = 5;
    let cpu_start = thread_cpu_ns();
    let start = std::time::Instant::now();
    let mut count = 0;
    for _ in 0..rounds {
        for text in &texts {
            count += splitter.split(text).len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    // CPU time of this thread, when the system tells it: wall time suffers on a busy machine.
    let cpu = match (cpu_start, thread_cpu_ns()) {
        (Some(a), Some(b)) => format!(", {:.0} MB/s of CPU time", mb / ((b - a) as f64 / 1e9)),
        _ => String::new(),
    };
    eprintln!(
        "{} files, {:.1} MB, {} sentences per round: {:.0} MB/s{cpu}",
        texts.len(),
        bytes as f64 / 1e6,
        count / rounds,
        mb / seconds
    );
    assert!(count > 0);
}

/// Nanoseconds this thread has run on a CPU (Linux only).
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
