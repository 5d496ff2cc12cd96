//! What a block says: the phrases of calls to action, sign-ups, paywalls,
//! consent notices, credits and bios. Class names can be generated; the
//! words a reader is shown cannot, so this is the evidence that survives
//! obfuscated markup — and the only evidence in text mode.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::label::Label;

/// How much one phrase proves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Suggests the label; needs support from structure or markup.
    Weak,
    /// Decides the label for a short block on its own.
    Strong,
}

/// A phrase found in a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The label the phrase suggests.
    pub label: Label,
    /// How much it proves.
    pub strength: Strength,
}

use Label::*;
use Strength::*;

/// Phrases found anywhere in a block, lower case: ASCII letters match in
/// any case, accented ones as written, capitalised or in upper case
/// ([`case_forms`]). These are the vocabulary the learned models were
/// trained on: the `wording:*` block features and the line model's phrase
/// features read these and [`WHOLE_TEXTS`] alone, so that a change to the
/// rules' lists ([`RULE_PHRASES`], [`LEAD_INS`]) leaves the trained models
/// and their cross-validated figures as they are.
const PHRASES: &[(&str, Label, Strength)] = &[
    ("subscribe to", Subscription, Strong),
    ("subscribe now", Subscription, Strong),
    ("subscribe today", Subscription, Strong),
    ("subscribe & save", Subscription, Strong),
    ("subscribe and save", Subscription, Strong),
    ("become a subscriber", Subscription, Strong),
    ("become a member", Subscription, Strong),
    ("start your free trial", Subscription, Strong),
    ("free trial", Subscription, Weak),
    ("subscribe", Subscription, Weak),
    ("subscription", Subscription, Weak),
    ("newsletter", Newsletter, Strong),
    ("sign up for", Newsletter, Weak),
    ("to your inbox", Newsletter, Strong),
    ("in your inbox", Newsletter, Strong),
    ("enter your email", Newsletter, Strong),
    ("your email address", Newsletter, Weak),
    ("mailing list", Newsletter, Strong),
    ("continue reading", Paywall, Strong),
    ("already a subscriber", Paywall, Strong),
    ("website access", Paywall, Strong),
    ("cancel or pause", Paywall, Strong),
    ("cancel anytime", Paywall, Strong),
    ("cancel at any time", Paywall, Strong),
    ("register for free", Paywall, Strong),
    ("unlock this article", Paywall, Strong),
    ("free articles", Paywall, Strong),
    ("for subscribers only", Paywall, Strong),
    ("subscriber-only", Paywall, Strong),
    ("we use cookies", CookieBanner, Strong),
    ("use of cookies", CookieBanner, Strong),
    ("cookie policy", CookieBanner, Weak),
    ("cookie settings", CookieBanner, Strong),
    ("accept all cookies", CookieBanner, Strong),
    ("manage preferences", CookieBanner, Weak),
    ("image credit", ImageCredit, Strong),
    ("photo credit", ImageCredit, Strong),
    ("getty images", ImageCredit, Weak),
    ("shutterstock", ImageCredit, Weak),
    ("photo by", ImageCredit, Weak),
    ("all rights reserved", Footer, Strong),
    ("©", Footer, Weak),
    ("copyright", Footer, Weak),
    ("privacy policy", Legal, Weak),
    ("terms of use", Legal, Weak),
    ("terms and conditions", Legal, Weak),
    ("terms of service", Legal, Weak),
    ("share on", SocialShare, Weak),
    ("share this", SocialShare, Weak),
    ("follow us", SocialShare, Strong),
    ("leave a comment", Comments, Strong),
    ("leave a reply", Comments, Strong),
    ("post a comment", Comments, Strong),
    ("is a staff writer", AuthorBio, Strong),
    ("as a staff writer", AuthorBio, Strong),
    ("is a freelance", AuthorBio, Strong),
    ("is a reporter", AuthorBio, Strong),
    ("is a writer", AuthorBio, Strong),
    ("is a journalist", AuthorBio, Strong),
    ("is an editor", AuthorBio, Strong),
    ("contributing writer", AuthorBio, Weak),
    ("has written for", AuthorBio, Strong),
    ("worked at", AuthorBio, Weak),
    ("related articles", RelatedLinks, Strong),
    ("related posts", RelatedLinks, Strong),
    ("you may also like", RelatedLinks, Strong),
    ("you might also like", RelatedLinks, Strong),
    ("more from", RelatedLinks, Weak),
    ("most popular", RelatedLinks, Strong),
    ("read more", RelatedLinks, Weak),
    ("edit this page", Other, Strong),
    ("log in to", Login, Weak),
    ("sign in to", Login, Weak),
    ("forgot your password", Login, Strong),
    ("create an account", Login, Weak),
];

/// Phrases that only the rules read ([`rule_phrase`]), found like
/// [`PHRASES`]: the languages of the web beyond English, and English
/// phrases added after the models were trained. A strong one decides a
/// short block without the model's say.
const RULE_PHRASES: &[(&str, Label, Strength)] = &[
    ("related stories", RelatedLinks, Strong),
    ("want more stories like this", Newsletter, Strong),
    // German: "Das könnte Sie auch interessieren", "Das Thema könnte dich
    // auch interessieren", "Diese Artikel könnten Ihnen auch gefallen".
    ("könnte sie auch interessieren", RelatedLinks, Strong),
    ("könnte dich auch interessieren", RelatedLinks, Strong),
    ("könnten sie auch interessieren", RelatedLinks, Strong),
    ("könnten dich auch interessieren", RelatedLinks, Strong),
    ("könnte ihnen auch gefallen", RelatedLinks, Strong),
    ("könnte dir auch gefallen", RelatedLinks, Strong),
    ("dans la même rubrique", RelatedLinks, Strong),
    // Comment forms and their states (WordPress's in each language).
    ("hinterlasse einen kommentar", Comments, Strong),
    ("hinterlasse jetzt einen kommentar", Comments, Strong),
    ("schreibe einen kommentar", Comments, Strong),
    ("kommentare sind geschlossen", Comments, Strong),
    ("kommentare geschlossen", Comments, Strong),
    ("laisser un commentaire", Comments, Strong),
    ("laissez un commentaire", Comments, Strong),
    ("les commentaires sont fermés", Comments, Strong),
    ("deja un comentario", Comments, Strong),
    ("deja una respuesta", Comments, Strong),
    ("los comentarios están cerrados", Comments, Strong),
    ("lascia un commento", Comments, Strong),
    ("i commenti sono chiusi", Comments, Strong),
    ("laat een reactie achter", Comments, Strong),
    ("deixe um comentário", Comments, Strong),
    ("dodaj komentarz", Comments, Strong),
    // Sign-up and share prompts.
    ("sign up here", Newsletter, Strong),
    ("sign up now", Newsletter, Strong),
    ("sign up today", Newsletter, Strong),
    ("jetzt abonnieren", Subscription, Strong),
    ("abonnez-vous", Subscription, Strong),
    ("suscríbete", Subscription, Strong),
    ("jederzeit kündbar", Subscription, Strong),
    ("cancela cuando quieras", Subscription, Strong),
    ("réservé aux abonnés", Paywall, Strong),
    ("exclusivo para suscriptores", Paywall, Strong),
    ("diesen artikel teilen", SocialShare, Weak),
    ("artikel teilen", SocialShare, Weak),
    ("partager cet article", SocialShare, Weak),
    ("partager sur", SocialShare, Weak),
    ("compartir en", SocialShare, Weak),
    ("compartir este artículo", SocialShare, Weak),
    ("condividi questo articolo", SocialShare, Weak),
    ("condividi su", SocialShare, Weak),
];

/// Blocks that consist of nothing but one of these (case and trailing
/// punctuation aside) are that boilerplate: buttons and labels.
const WHOLE_TEXTS: &[(&str, Label)] = &[
    ("advertisement", Advertisement),
    ("advertising", Advertisement),
    ("sponsored", Advertisement),
    ("sponsored content", Advertisement),
    ("ad", Advertisement),
    ("subscribe", Subscription),
    ("sign up", Newsletter),
    ("sign in", Login),
    ("log in", Login),
    ("login", Login),
    ("register", Login),
    ("my account", Login),
    ("share", SocialShare),
    ("facebook", SocialShare),
    ("twitter", SocialShare),
    ("x", SocialShare),
    ("linkedin", SocialShare),
    ("pinterest", SocialShare),
    ("whatsapp", SocialShare),
    ("reddit", SocialShare),
    ("email", SocialShare),
    ("print", SocialShare),
    ("copy link", SocialShare),
    ("tweet", SocialShare),
    ("accept", CookieBanner),
    ("accept all", CookieBanner),
    ("reject all", CookieBanner),
    ("read more", RelatedLinks),
    ("more", Navigation),
    ("menu", Navigation),
    ("home", Navigation),
    ("next", Navigation),
    ("previous", Navigation),
    ("back to top", Navigation),
    ("skip to content", Navigation),
    ("skip to main content", Navigation),
    ("search", Navigation),
    ("comments", Comments),
    ("reply", Comments),
    ("table of contents", TableOfContents),
    ("contents", TableOfContents),
];

/// Headings and buttons that decide a short block when they open it: the
/// block is nothing else (trailing punctuation aside), or they end at a
/// colon or an arrow and the rest is what they point to ("Lea también:
/// <headline>", "Weiterlesen »"). Inside a sentence they are prose ("Sie
/// können weiterlesen, wenn …"), so they are never matched there. Lower
/// case; a capitalised and an upper-case form are matched too.
const LEAD_INS: &[(&str, Label)] = &[
    // Lists of other stories.
    ("related", RelatedLinks),
    ("related content", RelatedLinks),
    ("related coverage", RelatedLinks),
    ("read also", RelatedLinks),
    ("also read", RelatedLinks),
    ("read next", RelatedLinks),
    ("latest", RelatedLinks),
    ("latest news", RelatedLinks),
    ("latest stories", RelatedLinks),
    ("trending", RelatedLinks),
    ("trending now", RelatedLinks),
    ("most read", RelatedLinks),
    ("most viewed", RelatedLinks),
    ("more stories", RelatedLinks),
    ("top stories", RelatedLinks),
    ("lesen sie auch", RelatedLinks),
    ("lesen sie mehr", RelatedLinks),
    ("lies auch", RelatedLinks),
    ("auch interessant", RelatedLinks),
    ("ebenfalls interessant", RelatedLinks),
    ("mehr zum thema", RelatedLinks),
    ("mehr zu diesem thema", RelatedLinks),
    ("zum weiterlesen", RelatedLinks),
    ("weiterlesen", RelatedLinks),
    ("weiter lesen", RelatedLinks),
    ("mehr lesen", RelatedLinks),
    ("schon gelesen", RelatedLinks),
    ("das könnte sie auch interessieren", RelatedLinks),
    ("das könnte dich auch interessieren", RelatedLinks),
    ("weitere artikel", RelatedLinks),
    ("weitere beiträge", RelatedLinks),
    ("weitere nachrichten", RelatedLinks),
    ("weitere news", RelatedLinks),
    ("weitere themen", RelatedLinks),
    ("mehr themen", RelatedLinks),
    ("mehr nachrichten", RelatedLinks),
    ("ähnliche artikel", RelatedLinks),
    ("ähnliche beiträge", RelatedLinks),
    ("verwandte artikel", RelatedLinks),
    ("verwandte themen", RelatedLinks),
    ("neueste artikel", RelatedLinks),
    ("neueste beiträge", RelatedLinks),
    ("neuste beiträge", RelatedLinks),
    ("aktuelle beiträge", RelatedLinks),
    ("meistgelesen", RelatedLinks),
    ("meistgelesene artikel", RelatedLinks),
    ("meist gelesen", RelatedLinks),
    ("viel gelesen", RelatedLinks),
    ("am meisten gelesen", RelatedLinks),
    ("beliebte artikel", RelatedLinks),
    ("beliebte beiträge", RelatedLinks),
    ("à lire aussi", RelatedLinks),
    ("a lire aussi", RelatedLinks),
    ("lire aussi", RelatedLinks),
    ("à lire également", RelatedLinks),
    ("lire également", RelatedLinks),
    ("à voir aussi", RelatedLinks),
    ("voir aussi", RelatedLinks),
    ("lire la suite", RelatedLinks),
    ("sur le même sujet", RelatedLinks),
    ("dans la même rubrique", RelatedLinks),
    ("articles similaires", RelatedLinks),
    ("articles liés", RelatedLinks),
    ("articles récents", RelatedLinks),
    ("derniers articles", RelatedLinks),
    ("les plus lus", RelatedLinks),
    ("les plus lues", RelatedLinks),
    ("vous aimerez aussi", RelatedLinks),
    ("vous aimerez peut-être aussi", RelatedLinks),
    ("lea también", RelatedLinks),
    ("lee también", RelatedLinks),
    ("vea también", RelatedLinks),
    ("ver también", RelatedLinks),
    ("lea más", RelatedLinks),
    ("lee más", RelatedLinks),
    ("leer más", RelatedLinks),
    ("te puede interesar", RelatedLinks),
    ("también te puede interesar", RelatedLinks),
    ("le puede interesar", RelatedLinks),
    ("noticias relacionadas", RelatedLinks),
    ("artículos relacionados", RelatedLinks),
    ("temas relacionados", RelatedLinks),
    ("relacionado", RelatedLinks),
    ("relacionadas", RelatedLinks),
    ("lo más leído", RelatedLinks),
    ("lo más visto", RelatedLinks),
    ("más leídas", RelatedLinks),
    ("más noticias", RelatedLinks),
    ("últimas noticias", RelatedLinks),
    ("leggi anche", RelatedLinks),
    ("leggi pure", RelatedLinks),
    ("potrebbe interessarti", RelatedLinks),
    ("articoli correlati", RelatedLinks),
    ("i più letti", RelatedLinks),
    ("più letti", RelatedLinks),
    ("continua a leggere", RelatedLinks),
    ("leggi tutto", RelatedLinks),
    ("lees ook", RelatedLinks),
    ("lees meer", RelatedLinks),
    ("lees verder", RelatedLinks),
    ("meest gelezen", RelatedLinks),
    ("gerelateerde artikelen", RelatedLinks),
    ("leia também", RelatedLinks),
    ("leia mais", RelatedLinks),
    ("veja também", RelatedLinks),
    ("mais lidas", RelatedLinks),
    ("czytaj też", RelatedLinks),
    ("czytaj także", RelatedLinks),
    ("czytaj również", RelatedLinks),
    ("czytaj więcej", RelatedLinks),
    ("zobacz też", RelatedLinks),
    ("zobacz także", RelatedLinks),
    ("najczęściej czytane", RelatedLinks),
    // Comment sections and their buttons.
    ("kommentare", Comments),
    ("kommentar schreiben", Comments),
    ("kommentare schreiben", Comments),
    ("kommentar verfassen", Comments),
    ("kommentieren", Comments),
    ("kommentieren sie", Comments),
    ("commentaires", Comments),
    ("comentarios", Comments),
    ("commenti", Comments),
    ("reacties", Comments),
    ("komentarze", Comments),
    // Share prompts.
    ("teilen", SocialShare),
    ("artikel teilen", SocialShare),
    ("diesen artikel teilen", SocialShare),
    ("beitrag teilen", SocialShare),
    ("jetzt teilen", SocialShare),
    ("partager", SocialShare),
    ("partager cet article", SocialShare),
    ("compartir", SocialShare),
    ("compartir este artículo", SocialShare),
    ("condividi", SocialShare),
    ("delen", SocialShare),
    ("udostępnij", SocialShare),
];

/// Blocks longer than this are never opened by one of [`LEAD_INS`]: a
/// heading with the one headline it points to fits.
const MAX_LEAD_IN_BLOCK_BYTES: usize = 240;

/// What may come between a lead-in and the headline it introduces.
const LEAD_IN_ENDS: &[char] = &[':', '»', '›', '|', '–', '—', '…', '>', '→'];

/// The forms of a lower-case phrase that are matched: itself, capitalised
/// and upper case. ASCII letters match in any case anyway; these add the
/// accented letters ("À lire aussi", "LEA TAMBIÉN").
fn case_forms(p: &str) -> Vec<String> {
    let mut chars = p.chars();
    let capitalised: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let mut forms = vec![p.to_string(), capitalised, p.to_uppercase()];
    forms.dedup();
    forms.sort();
    forms.dedup();
    forms
}

/// An automaton over every case form of `phrases`, and the index into
/// `phrases` of each of its patterns.
fn build_automaton<'a>(
    phrases: impl Iterator<Item = &'a str>,
    kind: MatchKind,
    start: StartKind,
    automaton_kind: Option<AhoCorasickKind>,
) -> (AhoCorasick, Vec<usize>) {
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, p) in phrases.enumerate() {
        for f in case_forms(p) {
            patterns.push(f);
            owner.push(i);
        }
    }
    let automaton = AhoCorasick::builder()
        .kind(automaton_kind)
        .ascii_case_insensitive(true)
        .match_kind(kind)
        .start_kind(start)
        .build(patterns)
        .expect("the phrase lists are valid sets of literal patterns");
    (automaton, owner)
}

/// One automaton over [`PHRASES`] then [`RULE_PHRASES`]: an owner below
/// `PHRASES.len()` is a trained phrase. One scan serves both vocabularies.
static AUTOMATON: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    build_automaton(
        PHRASES.iter().chain(RULE_PHRASES).map(|p| p.0),
        MatchKind::Standard,
        StartKind::Unanchored,
        Some(AhoCorasickKind::DFA),
    )
});

/// The phrase an owner index of [`AUTOMATON`] names, and whether it is of
/// the trained vocabulary.
fn phrase_of(owner: usize) -> ((&'static str, Label, Strength), bool) {
    match PHRASES.get(owner) {
        Some(&p) => (p, true),
        None => (RULE_PHRASES[owner - PHRASES.len()], false),
    }
}

static LEAD_IN_AUTOMATON: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    build_automaton(
        LEAD_INS.iter().map(|p| p.0),
        MatchKind::LeftmostLongest,
        StartKind::Anchored,
        None,
    )
});

/// Every phrase of [`PHRASES`] in `text`, in the order they end.
fn contained(text: &str) -> impl Iterator<Item = (&'static str, Label, Strength)> + '_ {
    let (automaton, owner) = &*AUTOMATON;
    automaton
        .find_overlapping_iter(text)
        .map(|m| phrase_of(owner[m.pattern().as_usize()]))
        .filter(|(_, trained)| *trained)
        .map(|(p, _)| p)
}

/// The label of a short block that one of [`LEAD_INS`] opens, followed by
/// nothing but punctuation, or by a colon or an arrow and what it points to.
pub fn lead_in(text: &str) -> Option<Label> {
    if text.len() > MAX_LEAD_IN_BLOCK_BYTES {
        return None;
    }
    let t = text.trim_start_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '»' | '›' | '¿' | '¡' | '•')
    });
    let (automaton, owner) = &*LEAD_IN_AUTOMATON;
    let m = automaton.find(Input::new(t).anchored(Anchored::Yes))?;
    let rest = t[m.end()..].trim_start();
    let label = LEAD_INS[owner[m.pattern().as_usize()]].1;
    let ends = rest
        .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == '…')
        .is_empty()
        || rest.starts_with(LEAD_IN_ENDS)
        || (label == SocialShare && names_networks_alone(rest));
    ends.then_some(label)
}

/// Words that open a short heading over other stories of a section or an
/// author ("More from Politics", "Mehr aus Hamburg", "Más de Deportes"),
/// lower case. They name a list only with a few words after them: "Plus de
/// 500 morts" is a headline.
const RELATED_HEADING_OPENERS: &[&str] = &[
    "more from",
    "more in",
    "more on",
    "more stories from",
    "more by",
    "mehr aus",
    "mehr von",
    "mehr zu",
    "mehr zum",
    "plus de",
    "más de",
    "más en",
    "altro da",
    "altri articoli di",
    "meer uit",
    "mais de",
    "więcej z",
];

/// Most words after one of [`RELATED_HEADING_OPENERS`]: a section's or a
/// person's name.
const MAX_RELATED_HEADING_NAME_WORDS: usize = 3;

static RELATED_HEADING_AUTOMATON: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    build_automaton(
        RELATED_HEADING_OPENERS.iter().copied(),
        MatchKind::LeftmostLongest,
        StartKind::Anchored,
        None,
    )
});

/// True for a heading such as "More from Politics": one of
/// [`RELATED_HEADING_OPENERS`] and a name of a few words without digits.
pub fn opens_related_heading(text: &str) -> bool {
    let t = text.trim();
    let (automaton, _) = &*RELATED_HEADING_AUTOMATON;
    let Some(m) = automaton.find(Input::new(t).anchored(Anchored::Yes)) else {
        return false;
    };
    let rest = &t[m.end()..];
    if !rest.starts_with(char::is_whitespace) || rest.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let words = rest.split_whitespace().count();
    (1..=MAX_RELATED_HEADING_NAME_WORDS).contains(&words)
}

/// Where a share prompt sends the page, as its buttons print it, lower
/// case.
const SHARE_TARGETS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "xing",
    "telegram",
    "pinterest",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "print",
    "drucken",
    "imprimir",
    "imprimer",
    "stampa",
    "copy",
    "link",
    "kopieren",
    "copiar",
    "copier",
    "flipboard",
    "threads",
    "bluesky",
    "mastodon",
    "messenger",
];

/// True when `text` is nothing but share targets ("Facebook WhatsApp
/// E-Mail"): the buttons after a share prompt.
fn names_networks_alone(text: &str) -> bool {
    let mut words = text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | ',' | '·' | '•'))
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
            SHARE_TARGETS.iter().any(|t| t.eq_ignore_ascii_case(w))
        })
}

/// Where a site asks its readers to follow it, join it or install its
/// app, lower case: social networks, messengers and app stores. Not
/// Threads: "join the threads below" is a forum's.
const PLATFORMS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "telegram",
    "whatsapp",
    "youtube",
    "tiktok",
    "linkedin",
    "pinterest",
    "snapchat",
    "bluesky",
    "mastodon",
    "google news",
    "apple news",
    "app store",
    "google play",
    "ios",
    "android",
];

/// Verbs that open a call to join or subscribe to something, lower case,
/// in the languages of the web. They count only at the start of a
/// sentence: "Join us on Telegram" asks, "she would join the protest,
/// she told Twitter" reports.
const PLATFORM_CALL_VERBS: &[&str] = &[
    "join",
    "subscribe",
    "sign up",
    "like us",
    "find us",
    "connect with us",
    "síguenos",
    "siguenos",
    "síganos",
    "únete",
    "unete",
    "suscríbete",
    "suscribete",
    "folgen sie uns",
    "folge uns",
    "folgt uns",
    "liken sie uns",
    "abonnieren sie",
    "abonniere",
    "suivez-nous",
    "suivez",
    "rejoignez",
    "abonnez-vous",
    "seguici",
    "iscriviti",
    "unisciti",
    "obserwuj",
    "dołącz",
    "siga",
    "sigam",
    "inscreva-se",
    "volg ons",
];

/// Verbs that open a call to install something: a call to install the
/// site's app only when the sentence names an app ("Download our app on
/// iOS"), not a tool ("Download the Android SDK").
const DOWNLOAD_VERBS: &[&str] = &[
    "download",
    "install",
    "get the app",
    "descarga",
    "descargue",
    "laden sie",
    "téléchargez",
    "scarica",
    "pobierz",
    "baixe",
];

/// Whom a reader is asked to follow: the site or its writer. "Follow" with
/// anything else is an instruction ("Follow these steps", "Follow this
/// codelab"); with a capitalised name it is the site ("Follow AP on X").
const FOLLOW_OBJECTS: &[&str] = &["us", "me", "them", "him", "her", "our", "my", "along"];

/// Longer blocks are never one call to follow the site: a call is a line
/// or two at the end of an article, and a paragraph that goes on is prose
/// about the platform.
pub const MAX_PLATFORM_CALL_BYTES: usize = 320;

/// True for a short call to follow the site on a platform, join its channel
/// or install its app ("Follow The Gleaner on Twitter and Instagram",
/// "¿Ya sabías que tenemos canal de Telegram? Únete …"): a sentence opens
/// with a call, and names a platform; a call to join or install may leave
/// it to the sentence before.
pub fn is_platform_call(text: &str) -> bool {
    // Most blocks name no platform: one scan, before any lower-casing.
    if text.len() > MAX_PLATFORM_CALL_BYTES || !names_platform(text) {
        return false;
    }
    let mut before_names_platform = false;
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        let names = names_platform(sentence);
        let call = opens_call(sentence, &lower);
        if call == Some(Call::Follow) && names
            || call == Some(Call::Other) && (names || before_names_platform)
        {
            return true;
        }
        before_names_platform = names;
    }
    false
}

/// What a sentence opens with: a call to follow someone, whose platform it
/// names itself ("Follow AP on X"), or to join, subscribe or install.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    Follow,
    Other,
}

/// The call a sentence (and its lower-case form) opens with, if any.
fn opens_call(sentence: &str, lower: &str) -> Option<Call> {
    if opens_with_word(lower, &["follow"]) {
        let object = sentence
            .get("follow".len()..)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or("");
        // "Follow Apple's review process" is an instruction.
        let possessive = object.ends_with("'s") || object.ends_with("’s");
        let someone = (object.starts_with(char::is_uppercase) && !possessive)
            || FOLLOW_OBJECTS
                .iter()
                .any(|o| object.eq_ignore_ascii_case(o));
        return someone.then_some(Call::Follow);
    }
    let installs_app = opens_with_word(lower, DOWNLOAD_VERBS)
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with("app") || w.starts_with("apl"));
    (installs_app || opens_with_word(lower, PLATFORM_CALL_VERBS)).then_some(Call::Other)
}

/// [`PLATFORMS`] in any ASCII case.
static PLATFORM_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(PLATFORMS)
        .expect("the platform names are valid literal patterns")
});

/// True when `text` names one of [`PLATFORMS`] as a whole word ("iOS",
/// not "scenarios").
fn names_platform(text: &str) -> bool {
    PLATFORM_AUTOMATON.find_overlapping_iter(text).any(|m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The sentences of `text`, each with its opening punctuation ("¿", "¡",
/// quotes, "***") skipped; empty ones left out.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '?', '!', ':', ';', '\n', '|', '•', '–', '—'])
        .map(|s| s.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|s| !s.is_empty())
}

/// Every phrase of the trained vocabulary in `text`, strongest first.
pub fn phrases(text: &str) -> Vec<PhraseMatch> {
    let mut out: Vec<PhraseMatch> = contained(text)
        .map(|(_, label, strength)| PhraseMatch { label, strength })
        .collect();
    if let Some(label) = whole_text(text) {
        out.push(PhraseMatch {
            label,
            strength: Strong,
        });
    }
    out.sort_by_key(|m| std::cmp::Reverse(m.strength));
    out
}

/// Longer texts are never one of [`WHOLE_TEXTS`] (checked before lower-casing,
/// which is the costly part).
const WHOLE_TEXT_MAX_BYTES: usize = 24;

/// The strongest phrase the rules read in `text`: the trained vocabulary
/// first, then [`RULE_PHRASES`] and [`LEAD_INS`]. A strong phrase of any
/// list wins over a weak one.
pub fn rule_phrase(text: &str) -> Option<PhraseMatch> {
    phrase_pair(text).1
}

/// The strongest phrase of the trained vocabulary in `text` (the first of
/// equal strength: [`phrases`]`(text).first()` without collecting them
/// all), which the line model reads, and [`rule_phrase`], from one scan.
pub fn phrase_pair(text: &str) -> (Option<PhraseMatch>, Option<PhraseMatch>) {
    let (automaton, owner) = &*AUTOMATON;
    let [mut trained_strong, mut trained_weak, mut rule_strong, mut rule_weak] = [None; 4];
    for m in automaton.find_overlapping_iter(text) {
        let ((_, label, strength), trained) = phrase_of(owner[m.pattern().as_usize()]);
        let slot = match (trained, strength) {
            (true, Strong) => &mut trained_strong,
            (true, Weak) => &mut trained_weak,
            (false, Strong) => &mut rule_strong,
            (false, Weak) => &mut rule_weak,
        };
        slot.get_or_insert(PhraseMatch { label, strength });
        if trained_strong.is_some() {
            break;
        }
    }
    let trained = match whole_text(text) {
        // A whole-text match is strong; a strong phrase before it wins.
        Some(label) => Some(trained_strong.unwrap_or(PhraseMatch {
            label,
            strength: Strong,
        })),
        None => trained_strong.or(trained_weak),
    };
    if trained.is_some_and(|m| m.strength == Strong) {
        return (trained, trained);
    }
    let rule = rule_strong
        .or_else(|| {
            lead_in(text).map(|label| PhraseMatch {
                label,
                strength: Strong,
            })
        })
        .or(trained)
        .or(rule_weak);
    (trained, rule)
}

/// The label of a block that is nothing but a known button or label text.
pub fn whole_text(text: &str) -> Option<Label> {
    let trimmable = |c: char| c.is_ascii_punctuation() || c.is_whitespace();
    // A long text that nothing can be trimmed from is not a button: no
    // need to trim it.
    if text.len() > WHOLE_TEXT_MAX_BYTES
        && !text.starts_with(trimmable)
        && !text.ends_with(trimmable)
    {
        return None;
    }
    let t = text.trim_matches(trimmable);
    if t.len() > WHOLE_TEXT_MAX_BYTES {
        return None;
    }
    let t = t.to_lowercase();
    WHOLE_TEXTS.iter().find(|w| w.0 == t).map(|w| w.1)
}

/// A credit line is shorter than this: longer texts that mention a photo
/// are captions or prose.
const MAX_CREDIT_LINE_BYTES: usize = 200;

/// True for a credit line such as "(Image credit: NAME/AGENCY via Getty
/// Images)" or "Photo: NAME/Reuters": a short text naming a photographer.
pub fn is_credit_line(text: &str) -> bool {
    let t = text.trim();
    if t.len() >= MAX_CREDIT_LINE_BYTES {
        return false;
    }
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if starts("photo:") || starts("(photo") {
        return true;
    }
    let slash = t.contains('/');
    CREDIT_AUTOMATON
        .find_iter(t)
        .any(|m| m.pattern().as_usize() < CREDIT_ALONE || slash)
}

/// Longest text that [`ends_with_credit`] reads: a caption and its credit,
/// not a paragraph that ends by naming a source.
const MAX_CREDITED_CAPTION_BYTES: usize = 250;

/// Words that label a credit, lower case ("Foto: dpa", "(Bild: X)",
/// "Crédit photo : AFP").
const CREDIT_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "bild",
    "bilder",
    "photo",
    "photos",
    "image",
    "crédit photo",
    "crédit",
    "credit",
    "crédits",
    "credits",
    "quelle",
    "source",
    "grafik",
    "illustration",
    "archivo",
    "archiv",
];

/// Photo agencies and stock libraries, lower case, as captions credit them
/// after a slash or a parenthesis ("NAME / dpa", "(X / iStock.com)").
const CREDIT_AGENCIES: &[&str] = &[
    "istockphoto",
    "istock",
    "shutterstock",
    "getty",
    "dpa",
    "imago",
    "afp",
    "reuters",
    "ap",
    "efe",
    "epa",
    "unsplash",
    "pixabay",
    "picture alliance",
    "picture-alliance",
    "adobe stock",
    "adobestock",
    "keystone",
    "apa",
    "anp",
    "ansa",
    "europa press",
];

/// How far from its end a caption's credit starts, at most (bytes).
const MAX_CREDIT_TAIL_BYTES: usize = 80;

/// The end of `s`: its last `n` bytes, or a few more to start on a
/// character.
fn last_bytes(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    &s[start..]
}

/// True when `s` (lower case) opens with one of `words` as a whole word.
fn opens_with_word(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        s.strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// True for a short text that ends with a photo credit: a caption with its
/// credit, which goes with the figure, not the article's text. The credit
/// is a "©" near the end; a last parenthesis that a credit label opens
/// ("(Foto: dpa)") or that names an agency ("(mlharing / iStock.com)"); an
/// agency after a last slash or bar ("Max Muster / dpa"); or a credit label
/// and colon near the end with no sentence after it ("Bild: Getty Images").
pub fn ends_with_credit(text: &str) -> bool {
    let t = text.trim();
    if t.len() > MAX_CREDITED_CAPTION_BYTES {
        return false;
    }
    // Every form of credit holds one of these near the end: most blocks
    // are settled without lower-casing them.
    if !last_bytes(t, MAX_CREDIT_TAIL_BYTES).contains(['©', ')', '/', '|', ':']) {
        return false;
    }
    let lower = t.to_lowercase();
    let tail = last_bytes(&lower, MAX_CREDIT_TAIL_BYTES);
    if tail.contains('©') {
        return true;
    }
    let agency_after = |s: &str| {
        s.rsplit(['/', '|', '('])
            .next()
            .is_some_and(|last| opens_with_word(last.trim_start(), CREDIT_AGENCIES))
    };
    if let Some(inner) = lower
        .strip_suffix(')')
        .and_then(|s| s.rfind('(').map(|i| &s[i + 1..]))
    {
        let inner = inner.trim_start();
        if opens_with_word(inner, CREDIT_LABELS) || (inner.contains('/') && agency_after(inner)) {
            return true;
        }
    }
    if (tail.contains('/') || tail.contains('|')) && agency_after(tail) {
        return true;
    }
    // "Bild: Getty Images": the last colon near the end, a credit label
    // right before it, and no sentence after it.
    tail.rfind(':').is_some_and(|colon| {
        let before = tail[..colon].trim_end();
        let after = &tail[colon + 1..];
        !after.contains(['.', '!', '?'])
            && CREDIT_LABELS.iter().any(|label| {
                before
                    .strip_suffix(label)
                    .is_some_and(|head| !head.ends_with(|c: char| c.is_alphanumeric()))
            })
    })
}

/// Words of credit lines, lower-case: the first [`CREDIT_ALONE`] make a
/// credit line alone, the others with a slash ("NAME/AFP").
const CREDIT_WORDS: &[&str] = &["credit:", "via getty", "getty", "afp", "reuters"];

/// How many of [`CREDIT_WORDS`] decide alone.
const CREDIT_ALONE: usize = 2;

static CREDIT_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CREDIT_WORDS)
        .expect("the credit words are a valid set of literal patterns")
});

/// Prefixes that introduce the name in a credit line, lower-case.
const CREDIT_PREFIXES: &[&str] = &[
    "image credit:",
    "photo credit:",
    "picture credit:",
    "credit:",
    "photograph:",
    "photo:",
    "image:",
];

/// The name a credit line credits: "(Image credit: NAME/AGENCY)" ->
/// "NAME/AGENCY"; the whole line, parentheses aside, when no prefix names it.
pub fn credit_of(text: &str) -> &str {
    let t = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    for p in CREDIT_PREFIXES {
        if let Some(head) = t.get(..p.len()) {
            if head.eq_ignore_ascii_case(p) {
                return t[p.len()..].trim();
            }
        }
    }
    t
}

/// Lower-cased words of `s`, joined by single spaces: the one form in
/// which texts are compared (a heading with the title, a block with the
/// page's other blocks).
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(&mut out, s);
    out
}

/// [`normalise`] into `out`, which is cleared first: a caller that
/// normalises every block reuses one buffer.
pub fn normalise_into(out: &mut String, s: &str) {
    out.clear();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // An ASCII word lower-cases byte by byte, as `char::to_lowercase`
        // would, without decoding it.
        if w.is_ascii() {
            let start = out.len();
            out.push_str(w);
            out[start..].make_ascii_lowercase();
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
}

/// Most words in a line that is only a person's name.
const MAX_NAME_WORDS: usize = 4;

/// Longer lines are not only a name: four long words and their spaces.
const MAX_NAME_BYTES: usize = 80;

/// True for a line that is only a person's name: two to four capitalised
/// words, no digits, no sentence or label punctuation ("Brigid Kennedy").
pub fn is_name(text: &str) -> bool {
    let t = text.trim();
    if t.len() > MAX_NAME_BYTES {
        return false;
    }
    let words = t.split_whitespace();
    let n = words.clone().count();
    (2..=MAX_NAME_WORDS).contains(&n)
        && words
            .clone()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !t.contains(|c: char| {
            c.is_numeric() || matches!(c, '.' | '!' | '?' | ':' | '|' | '@' | ',')
        })
}

/// Longest text that can be a byline: a label, names, a date, a role.
pub const MAX_BYLINE_CHARS: usize = 120;

/// Labels that introduce a byline, lower case, longest first.
const BYLINE_LABELS: &[&str] = &[
    "written by",
    "authored by",
    "posted by",
    "published by",
    "article by",
    "story by",
    "words by",
    "text by",
    "authors:",
    "author:",
    "author",
    "by:",
    "by",
];

/// Byline labels in other languages, matched only as written (lower case):
/// capitalised, "Di" or "Von" begin names.
const FOREIGN_BYLINE_LABELS: &[&str] = &["von", "par", "por", "di", "door", "av"];

/// Whether a run of text begins with a byline label ("By", "Written by",
/// "Author:") or is one: the cheap first test the metadata's walk puts
/// every run of text to, since a label and its name are often apart
/// (`By <a>Jane Doe</a>`). [`byline`] decides whether a whole text is one.
pub fn opens_with_byline_label(text: &str) -> bool {
    let t = text.trim();
    may_open_with_label(t) && (is_bare_byline_label(t) || strip_byline_label(t).len() < t.len())
}

/// The first words of [`BYLINE_LABELS`] and [`FOREIGN_BYLINE_LABELS`]
/// (a test keeps them in step).
const BYLINE_LABEL_FIRST_WORDS: &[&str] = &[
    "written",
    "authored",
    "posted",
    "published",
    "article",
    "story",
    "words",
    "text",
    "authors",
    "author",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
];

/// Whether `t`'s first word is the first word of a byline label, case
/// aside: a cheap test that turns most texts away before any label is
/// compared whole.
fn may_open_with_label(t: &str) -> bool {
    let end = t
        .find(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or(t.len());
    let word = &t.as_bytes()[..end];
    BYLINE_LABEL_FIRST_WORDS
        .iter()
        .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// The text without a leading "By", "Written by", "Author:".
pub fn strip_byline_label(s: &str) -> &str {
    let s = s.trim();
    let english = BYLINE_LABELS.iter().find_map(|l| after_label(s, l, true));
    english
        .or_else(|| {
            FOREIGN_BYLINE_LABELS
                .iter()
                .find_map(|l| after_label(s, l, false))
        })
        .unwrap_or(s)
}

/// What follows `label` at the start of `s`, when the label is a whole word
/// and something follows it.
fn after_label<'a>(s: &'a str, label: &str, any_case: bool) -> Option<&'a str> {
    let head = s.get(..label.len())?;
    let tail = &s[label.len()..];
    let same = if any_case {
        head.eq_ignore_ascii_case(label)
    } else {
        head == label
    };
    let boundary =
        label.ends_with(':') || tail.starts_with(|c: char| c.is_whitespace() || c == ':');
    let rest = tail.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    (same && boundary && !rest.is_empty()).then_some(rest)
}

/// Whether a text is only a byline label: "Written by", "Author:".
pub fn is_bare_byline_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    BYLINE_LABELS
        .iter()
        .chain(FOREIGN_BYLINE_LABELS)
        .any(|l| l.trim_end_matches(':').eq_ignore_ascii_case(t))
}

/// Whether a text is a byline, and if so what follows its label: a short
/// text ([`MAX_BYLINE_CHARS`]) that opens with a byline label followed by
/// a capitalised word or a handle ("By Jane Doe | May 5", "Written by
/// Jane", "von Max Muster", "By @jdoe"). "By adopting these strategies …"
/// is a sentence. The one byline test of the engine: the HTML and text
/// rules and the block model's `byline` feature use it.
pub fn byline(text: &str) -> Option<&str> {
    let t = text.trim();
    // Every block comes through here: most are turned away by their first
    // letter, which no label starts with, before any label is compared.
    if t.len() > MAX_BYLINE_CHARS || !may_open_with_label(t) {
        return None;
    }
    let rest = strip_byline_label(t);
    let named = rest.starts_with(|c: char| c.is_uppercase() || c == '@');
    (rest.len() < t.len() && named).then_some(rest)
}

/// Most words in a name a byline gives.
const MAX_BYLINE_NAME_WORDS: usize = 8;

/// The name a [`byline`] gives: capitalised words, with "and" and commas
/// between several authors, up to a separator (`|`, `•`, `·`).
pub fn byline_name(text: &str) -> Option<&str> {
    let rest = byline(text)?;
    let name = rest
        .split(['|', '•', '·'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(',');
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| {
        matches!(*w, "and" | "&" | "de" | "van" | "von" | "der" | "la" | "le")
            || w.chars().next().is_some_and(char::is_uppercase)
    };
    (!words.is_empty() && words.len() <= MAX_BYLINE_NAME_WORDS && words.iter().all(capitalised))
        .then_some(name)
}

/// Words that follow a writer's name when a paragraph is about the writer:
/// "Ana Ribeiro has covered the coast since 2015", "… is a reporter".
const BIO_VERBS: &[&str] = &[
    "has",
    "is",
    "was",
    "covers",
    "writes",
    "joined",
    "reports",
    "previously",
    "lives",
];

/// True when `text` opens with the person `name` (two words or more) and a
/// verb that starts telling about them: how a writer's bio begins.
pub fn opens_about(text: &str, name: &str) -> bool {
    name.contains(' ')
        && text
            .trim_start()
            .strip_prefix(name)
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|word| BIO_VERBS.contains(&word))
}

// Comment sections. These lists feed `classify::comments` only, never the
// block model's features, so that adding a language does not make the
// embedded model stale.

/// Headings that announce a comment section, whole (case, counts and
/// punctuation aside): "Comments", "12 Kommentare", "Leave a Reply (3)".
const COMMENT_HEADINGS: &[&str] = &[
    "comment",
    "comments",
    "reader comments",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "write a comment",
    "join the discussion",
    "join the conversation",
    "responses",
    "replies",
    "kommentar",
    "kommentare",
    "leserkommentare",
    "kommentar schreiben",
    "kommentieren",
    "schreibe einen kommentar",
    "hinterlasse einen kommentar",
    "diskutieren sie mit",
    "commentaire",
    "commentaires",
    "laisser un commentaire",
    "ajouter un commentaire",
    "laisser une réponse",
    "réactions",
    "comentario",
    "comentarios",
    "deja un comentario",
    "dejar un comentario",
    "escribe un comentario",
    "deja una respuesta",
    "commento",
    "commenti",
    "lascia un commento",
    "lascia una risposta",
    "reactie",
    "reacties",
    "plaats een reactie",
    "laat een reactie achter",
    "geef een reactie",
    "komentarz",
    "komentarze",
    "dodaj komentarz",
    "skomentuj",
    "comentário",
    "comentários",
    "deixe um comentário",
    "deixe uma resposta",
    "kommentarer",
    "комментарии",
];

/// Openings of a counted heading that names the post after it: "12
/// thoughts on “Title”", "3 Kommentare zu …".
const COUNTED_COMMENT_HEADINGS: &[&str] = &[
    "thoughts on",
    "responses to",
    "replies to",
    "comments on",
    "comments to",
    "kommentare zu",
    "comentarios en",
    "comentarios a",
    "respuestas a",
    "commentaires sur",
    "réponses à",
    "commenti su",
    "reacties op",
    "komentarze do",
    "comentários em",
];

/// Most characters of a heading that announces comments (a counted one
/// carries the post's title).
pub const MAX_COMMENT_HEADING_CHARS: u32 = 160;

/// True when `text` is a heading that announces a comment section.
pub fn announces_comments(text: &str) -> bool {
    if text.len() > 4 * MAX_COMMENT_HEADING_CHARS as usize || !COMMENT_HEADING_STEMS.is_match(text)
    {
        return false;
    }
    let t = normalise(text);
    let counted = t.starts_with(|c: char| c.is_ascii_digit());
    let strip = |c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace();
    let core = t.trim_matches(strip);
    if core.chars().count() <= 40 && COMMENT_HEADINGS.iter().any(|h| whole_words(core, h)) {
        return true;
    }
    counted && COUNTED_COMMENT_HEADINGS.iter().any(|h| core.starts_with(h))
}

/// Every heading of [`COMMENT_HEADINGS`] and [`COUNTED_COMMENT_HEADINGS`]
/// holds one of these, in any case (a test keeps them in step): most short
/// blocks are turned away by one automaton pass before they are normalised.
/// Stems with letters outside ASCII are listed in each case they are
/// written in.
const COMMENT_HEADING_STEMS_LIST: &[&str] = &[
    "comment",
    "coment",
    "komment",
    "komentar",
    "skomentuj",
    "repl",
    "respon",
    "respuest",
    "rispost",
    "respost",
    "réponse",
    "Réponse",
    "RÉPONSE",
    "réaction",
    "Réaction",
    "RÉACTION",
    "reactie",
    "discussion",
    "conversation",
    "diskutier",
    "thought",
    "комментар",
    "Комментар",
    "КОММЕНТАР",
];

static COMMENT_HEADING_STEMS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(COMMENT_HEADING_STEMS_LIST)
        .expect("the stems are valid literal patterns")
});

/// `text` is `phrase`, or `phrase` with counts in brackets or separators
/// around it that trimming left inside ("comments (12)" trims to
/// "comments (12" when the count is not last).
fn whole_words(text: &str, phrase: &str) -> bool {
    text == phrase
        || text.strip_prefix(phrase).is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace())
        })
}

/// The whole text of a comment's reply or permalink button, in the
/// languages of the web.
const REPLY_WORDS: &[&str] = &[
    "reply",
    "reply to this comment",
    "permalink",
    "antworten",
    "antwort",
    "répondre",
    "repondre",
    "responder",
    "rispondi",
    "reageer",
    "beantwoorden",
    "odpowiedz",
    "odpowiedź",
    "svara",
    "svar",
    "vastaa",
    "yanıtla",
    "ответить",
];

/// Longer texts are never a reply button.
pub const MAX_REPLY_WORD_BYTES: usize = 32;

/// True when `text` is nothing but a reply or permalink button's label
/// ("Reply", "Antworten ↓").
pub fn is_reply_button(text: &str) -> bool {
    let t = text.trim();
    if t.len() > MAX_REPLY_WORD_BYTES {
        return false;
    }
    let t = t
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    REPLY_WORDS.contains(&t.as_str())
}

/// True for a trackback or pingback, which a comment list shows among its
/// comments ("Pingback: Ten ways to …").
pub fn is_pingback(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    let opens = |w: &str| t.len() >= w.len() && t[..w.len()].eq_ignore_ascii_case(w.as_bytes());
    opens("pingback") || opens("trackback")
}

/// What a comment form or a comment section tells its readers: the rules,
/// the notice that addresses stay private, that comments are closed.
const COMMENT_POLICY: &[&str] = &[
    "your email address will not be published",
    "your email will not be published",
    "required fields are marked",
    "save my name, email, and website",
    "comments are closed",
    "comments are moderated",
    "comment policy",
    "commenting guidelines",
    "you must be logged in to post a comment",
    "log in to comment",
    "login to comment",
    "sign in to comment",
    "be the first to comment",
    "please enable javascript to view the comments",
    "comments powered by disqus",
    "this site uses akismet",
    "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind mit",
    "kommentare sind geschlossen",
    "kommentarfunktion",
    "netiquette",
    "no será publicada",
    "campos obligatorios están marcados",
    "los comentarios están cerrados",
    "normas de participación",
    "ne sera pas publiée",
    "champs obligatoires sont indiqués",
    "les commentaires sont fermés",
    "non sarà pubblicato",
    "campi obbligatori sono contrassegnati",
    "i commenti sono chiusi",
    "wordt niet gepubliceerd",
    "vereiste velden zijn gemarkeerd",
    "nie zostanie opublikowany",
    "wymagane pola są oznaczone",
    "não será publicado",
    "campos obrigatórios são marcados",
];

static COMMENT_POLICY_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(COMMENT_POLICY)
        .expect("the comment policy list is a valid set of literal patterns")
});

/// True when `text` says what a comment section's rules are, or that it
/// is closed.
pub fn is_comment_policy(text: &str) -> bool {
    COMMENT_POLICY_AUTOMATON.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strongest(text: &str) -> Option<(Label, Strength)> {
        rule_phrase(text).map(|m| (m.label, m.strength))
    }

    #[test]
    fn captions_that_end_with_a_credit() {
        assert!(ends_with_credit(
            "Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)"
        ));
        assert!(ends_with_credit(
            "Bei der Beckenkippung sinkt der Brustkorb ein. © Pferderevue"
        ));
        assert!(ends_with_credit(
            "La mujer quiso impedir la detención. (Foto: Archivo/Soy502)"
        ));
        assert!(ends_with_credit("Der Bundesrat tagt. Bild: Getty Images"));
        assert!(!ends_with_credit("The API/APD team met on Tuesday."));
        assert!(!ends_with_credit("He said the photo was taken in 2019."));
    }

    #[test]
    fn headings_over_a_section_s_other_stories() {
        assert!(opens_related_heading("More from Politics"));
        assert!(opens_related_heading("Mehr aus Hamburg"));
        assert!(opens_related_heading("MÁS DE Deportes"));
        assert!(opens_related_heading("More by Maria Lopez"));
        assert!(!opens_related_heading("Plus de 500 morts dans le séisme"));
        assert!(!opens_related_heading("More information about the tax"));
        assert!(!opens_related_heading("Moreover"));
        assert!(!opens_related_heading("More from"));
    }

    #[test]
    fn the_models_read_the_trained_vocabulary_alone() {
        let lead_in = "Lea también: Impiden ingreso a un reportero";
        assert!(phrases(lead_in).is_empty());
        assert_eq!(phrase_pair(lead_in).0, None);
        assert_eq!(strongest(lead_in), Some((RelatedLinks, Strong)));
        assert!(phrases("Hinterlasse einen Kommentar").is_empty());
        // A share prompt and its buttons.
        assert_eq!(
            strongest("Compartir este artículo Facebook WhatsApp"),
            Some((SocialShare, Strong))
        );
        assert_eq!(
            strongest("Teilen: Facebook | X | E-Mail"),
            Some((SocialShare, Strong))
        );
        assert_eq!(strongest("Teilen Sie Facebook mit uns"), None);
        // The trained phrases reach the rules too.
        assert_eq!(
            strongest("Subscribe to The Week"),
            Some((Subscription, Strong))
        );
    }

    #[test]
    fn calls_to_action_are_recognised() {
        assert_eq!(
            strongest("Subscribe to The Week"),
            Some((Subscription, Strong))
        );
        assert_eq!(strongest("SUBSCRIBE & SAVE"), Some((Subscription, Strong)));
        assert_eq!(
            strongest("To continue reading this article..."),
            Some((Paywall, Strong))
        );
        assert_eq!(
            strongest("From our morning briefing, get the best delivered directly to your inbox."),
            Some((Newsletter, Strong))
        );
    }

    #[test]
    fn the_strongest_phrase_is_the_first_of_phrases() {
        for t in [
            "Subscribe to The Week",
            "Get unlimited website access, exclusive newsletters plus much more.",
            "Not sure which email you used for your subscription? Contact us",
            "Sign up",
            "Read more",
            "The council met on Tuesday.",
        ] {
            assert_eq!(phrase_pair(t).0, phrases(t).first().copied(), "{t}");
        }
    }

    #[test]
    fn buttons_match_only_as_whole_text() {
        assert_eq!(whole_text("Sign up"), Some(Newsletter));
        assert_eq!(whole_text("Advertisement"), Some(Advertisement));
        assert_eq!(
            whole_text("Sign up today to learn the basics of sailing"),
            None
        );
    }

    #[test]
    fn german_headings_and_prompts() {
        let related = Some((RelatedLinks, Strong));
        assert_eq!(strongest("Das könnte Sie auch interessieren"), related);
        assert_eq!(strongest("DAS KÖNNTE SIE AUCH INTERESSIEREN"), related);
        assert_eq!(strongest("Mehr zum Thema:"), related);
        assert_eq!(strongest("Schon gelesen?"), related);
        assert_eq!(strongest("Weiterlesen »"), related);
        assert_eq!(
            strongest("Lesen Sie auch: Der Bürgermeister tritt zurück"),
            related
        );
        assert_eq!(strongest("Meistgelesen"), related);
        assert_eq!(
            strongest("Diesen Artikel teilen"),
            Some((SocialShare, Strong))
        );
        assert_eq!(
            strongest("Hinterlasse jetzt einen Kommentar"),
            Some((Comments, Strong))
        );
        assert_eq!(strongest("Kommentare schreiben"), Some((Comments, Strong)));
        // The same words inside a sentence are prose.
        assert_eq!(strongest("Wer weiterlesen will, muss zahlen."), None);
        assert_eq!(strongest("Lesen Sie auch die Packungsbeilage genau."), None);
        assert_eq!(strongest("Teilen Sie Ihre Meinung mit uns."), None);
        assert_eq!(
            strongest("Kommentare der Leser zeigen, wie groß der Ärger ist."),
            None
        );
    }

    #[test]
    fn romance_language_headings_and_prompts() {
        let related = Some((RelatedLinks, Strong));
        assert_eq!(strongest("À lire aussi"), related);
        assert_eq!(
            strongest("À LIRE AUSSI : La réforme des retraites"),
            related
        );
        assert_eq!(strongest("Dans la même rubrique"), related);
        assert_eq!(strongest("Lire la suite"), related);
        assert_eq!(
            strongest("Lea también: Impiden ingreso a un reportero"),
            related
        );
        assert_eq!(strongest("VEA TAMBIÉN: El puerto reabre"), related);
        assert_eq!(strongest("¿Lo más leído?"), related);
        assert_eq!(strongest("Leggi anche"), related);
        assert_eq!(strongest("Continua a leggere"), related);
        assert_eq!(strongest("Leia também: O porto reabre"), related);
        assert_eq!(strongest("Partager"), Some((SocialShare, Strong)));
        assert_eq!(
            strongest("Laisser un commentaire"),
            Some((Comments, Strong))
        );
        assert_eq!(strongest("Deja un comentario"), Some((Comments, Strong)));
        assert_eq!(
            strongest("Tú también puedes hacer periodismo. Suscríbete."),
            Some((Subscription, Strong))
        );
        assert_eq!(
            strongest("On peut lire aussi dans le rapport que le port rouvre."),
            None
        );
        assert_eq!(strongest("Partager la ville entre deux quartiers."), None);
    }

    #[test]
    fn other_languages_headings() {
        let related = Some((RelatedLinks, Strong));
        assert_eq!(strongest("Lees ook: De haven gaat weer open"), related);
        assert_eq!(strongest("Czytaj też: Wyścig zbrojeń ruszył"), related);
        assert_eq!(strongest("RELATED STORIES"), related);
        assert_eq!(strongest("Most read"), related);
        assert_eq!(strongest("Latest news"), related);
        assert_eq!(
            strongest("Want more stories like this?"),
            Some((Newsletter, Strong))
        );
        assert_eq!(strongest("Latest figures show the harbour reopened."), None);
    }

    #[test]
    fn names_in_credits_and_bylines() {
        assert_eq!(
            credit_of("(Image credit: CHRISTIAN HARTMANN/POOL/AFP via Getty Images)"),
            "CHRISTIAN HARTMANN/POOL/AFP via Getty Images"
        );
        assert_eq!(credit_of("Photo: Jane Roe/Reuters"), "Jane Roe/Reuters");
        assert_eq!(
            byline_name("By Jane Roe and John Doe"),
            Some("Jane Roe and John Doe")
        );
        assert_eq!(byline_name("By Jane Roe | Updated May 2"), Some("Jane Roe"));
        assert_eq!(byline_name("by the way, this is prose"), None);
        assert_eq!(byline_name("Written by: Ana Ribeiro"), Some("Ana Ribeiro"));
        assert!(is_name("Brigid Kennedy"));
        assert!(!is_name("Sign Up Today!"));
        assert!(!is_name("Politics"));
    }

    #[test]
    fn every_comment_heading_holds_a_stem() {
        for h in COMMENT_HEADINGS.iter().chain(COUNTED_COMMENT_HEADINGS) {
            assert!(COMMENT_HEADING_STEMS.is_match(h), "{h}");
            let upper = h.to_uppercase();
            assert!(COMMENT_HEADING_STEMS.is_match(&upper), "{upper}");
        }
    }

    #[test]
    fn the_labels_first_words_are_listed() {
        for l in BYLINE_LABELS.iter().chain(FOREIGN_BYLINE_LABELS) {
            let first = l.split([' ', ':']).next().unwrap_or(l);
            assert!(BYLINE_LABEL_FIRST_WORDS.contains(&first), "{first}");
        }
    }

    #[test]
    fn bylines_open_with_a_label_and_a_name() {
        assert_eq!(
            byline("By Jane Roe | May 5, 2024"),
            Some("Jane Roe | May 5, 2024")
        );
        assert_eq!(byline("Author: Jane Roe"), Some("Jane Roe"));
        assert_eq!(byline("von Max Muster"), Some("Max Muster"));
        assert_eq!(byline("By @jroe"), Some("@jroe"));
        // Sentences that open with "by", and names that open with "Di".
        assert_eq!(
            byline("By adopting these strategies, you build trust."),
            None
        );
        assert_eq!(
            byline("Di Maio said the vote would be held on Monday."),
            None
        );
        assert_eq!(
            byline(&format!("By Jane Roe {}", "and others ".repeat(20))),
            None
        );
        // The walk's first test also takes a label alone.
        assert!(opens_with_byline_label("By"));
        assert!(opens_with_byline_label("Written by "));
        assert!(!opens_with_byline_label("Bylaws of the club"));
    }

    #[test]
    fn credit_lines() {
        assert!(is_credit_line(
            "(Image credit: CHRISTIAN HARTMANN/POOL/AFP via Getty Images)"
        ));
        assert!(!is_credit_line(
            "The French president spoke with Putin on Friday."
        ));
    }

    #[test]
    fn a_bio_opens_with_the_name_and_a_verb() {
        assert!(opens_about(
            "Ana Ribeiro has covered the coast since 2015.",
            "Ana Ribeiro"
        ));
        assert!(!opens_about("Ana Ribeiros has covered it.", "Ana Ribeiro"));
        assert!(!opens_about(
            "Ana Ribeiro said the harbour would reopen.",
            "Ana Ribeiro"
        ));
        assert!(!opens_about("Ana has covered the coast.", "Ana"));
    }

    #[test]
    fn comment_headings_in_several_languages() {
        for h in [
            "Comments",
            "12 Comments",
            "Comments (12)",
            "Leave a Reply",
            "12 thoughts on “A walk in the hills”",
            "Kommentare",
            "23 Kommentare",
            "Kommentar schreiben",
            "Commentaires",
            "Comentarios (4)",
            "Commenti",
            "Reacties",
            "Komentarze",
            "Comentários",
        ] {
            assert!(announces_comments(h), "{h}");
        }
        for t in [
            "Recent Comments",
            "Comments on the budget were mixed, the minister said.",
            "Discussion",
            "Thoughts on the budget",
        ] {
            assert!(!announces_comments(t), "{t}");
        }
    }

    #[test]
    fn reply_buttons_and_comment_policy() {
        for r in ["Reply", "Antworten", "Répondre", "Responder ↓", "Permalink"] {
            assert!(is_reply_button(r), "{r}");
        }
        assert!(!is_reply_button("Reply to the council's letter was swift"));
        assert!(is_pingback("Pingback: Ten ways to cook rice"));
        assert!(is_comment_policy(
            "Your email address will not be published. Required fields are marked *"
        ));
        assert!(is_comment_policy(
            "Deine E-Mail-Adresse wird nicht veröffentlicht."
        ));
        assert!(!is_comment_policy("The council published its address."));
    }

    #[test]
    fn a_call_to_follow_the_site_opens_a_sentence_and_names_a_platform() {
        assert!(is_platform_call(
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner."
        ));
        assert!(is_platform_call(
            "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular."
        ));
        assert!(is_platform_call("Folgen Sie uns auf Instagram!"));
        // A report of a platform, or a call without one, is no such call.
        assert!(!is_platform_call(
            "The senator said she would follow the case; her video spread on TikTok."
        ));
        assert!(!is_platform_call("Follow the river to the old mill."));
        assert!(!is_platform_call(
            "Follow this codelab to build an Android app."
        ));
        assert!(is_platform_call("Download our app for iOS and Android."));
        assert!(!is_platform_call("Download the Android SDK first."));
        assert!(!is_platform_call(
            "Submit the build through App Store Connect. Follow Apple's review process."
        ));
        // The platform in the sentence before the call counts; further off,
        // it is another matter.
        assert!(!is_platform_call(
            "Review your LinkedIn profile. We fix what drags. Join 100 people."
        ));
        // "ios" inside a word names no platform.
        assert!(!is_platform_call("Download the scenarios as a PDF."));
        let long = format!("Follow us on Facebook. {}", "More prose. ".repeat(40));
        assert!(!is_platform_call(&long));
    }
}
