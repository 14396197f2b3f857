//! The rules read from the dependency parse (`kgx:pattern` in ontology/kgx.ttl, run by
//! relation::syntax) and the window rules written beside them, each checked end to end on
//! sentences written for these tests (every name invented).
//!
//! Each rule has a test of the cases kgx gets right today, with at least one sentence where
//! the rule must not fire. A case it gets wrong asserts today's wrong behaviour under a
//! `// FIXME:` comment that states the right one (no `#[ignore]`), so that
//! `grep -n FIXME tests/syntax.rs` lists the known gaps and whoever fixes a rule flips the
//! assertion.

use crate::common::{assert_fact, assert_no_fact, entities};

// ---------------------------------------------------------------------------------------------
// Affiliation
// ---------------------------------------------------------------------------------------------

/// appositive-role: "X, an astronomer at Y": any occupational noun heads the appositive.
#[test]
fn appositive_role_with_any_occupation() {
    assert_fact(
        "Hanne Rydberg, an astronomer at Corlith Observatory, spoke on Monday.",
        &[
            "[Hanne Rydberg]Person --affiliatedWith--> [Corlith Observatory]",
            "{astronomer}",
        ],
    );
    assert_fact(
        "The forecast was revised on Tuesday by Olek Dravin, an economist for Straven Bank.",
        &[
            "[Olek Dravin]Person --affiliatedWith--> [Straven Bank]",
            "{economist}",
        ],
    );
    assert_fact(
        "Mirela Castaneda, a pioneer of speech recognition at Pembrook Analytics, retired in 2019.",
        &[
            "[Mirela Castaneda]Person --affiliatedWith--> [Pembrook Analytics]",
            "{pioneer of speech recognition}",
        ],
    );
    assert_no_fact(
        "Hanne Rydberg, a neighbour of Corlith Observatory, complained about the lights.",
        &["--affiliatedWith-->"],
    );
}

/// appositive-role: the organisation as a compound ("a Y law professor"), and coordinated roles.
#[test]
fn appositive_role_compound_and_coordinated() {
    assert_fact(
        "Teodor Vasko, a Dunmere University law professor, disagreed with the ruling.",
        &[
            "[Teodor Vasko]Person --affiliatedWith--> [Dunmere University]",
            "{law professor}",
        ],
    );
    assert_fact(
        "Lyra Korrin, co-founder and chief technology officer of Vastrel Dynamics, declined to comment.",
        &[
            "[Lyra Korrin]Person --affiliatedWith--> [Vastrel Dynamics]",
            "{co-founder and chief technology officer}",
        ],
    );
}

#[test]
fn appositive_role_lab_technician() {
    assert_fact(
        "Pia Ostrander, a lab technician at Ferrowind Energy, fixed the turbine last week.",
        &[
            "[Pia Ostrander]Person --affiliatedWith--> [Ferrowind Energy]",
            "{lab technician}",
        ],
    );
}

#[test]
fn appositive_role_senior_technician_for() {
    assert_fact(
        "Pia Ostrander, a senior technician for Ferrowind Energy, fixed the turbine.",
        &[
            "[Pia Ostrander]Person --affiliatedWith--> [Ferrowind Energy]",
            "{senior technician}",
        ],
    );
}

/// premodifier-role / named-after-role: "Y chief scientist X", "Y's co-founder and CEO X".
#[test]
fn premodifier_role() {
    assert_fact(
        "Vastrel Dynamics chief scientist Edda Marlowe presented the results.",
        &[
            "[Edda Marlowe]Person --affiliatedWith--> [Vastrel Dynamics]",
            "{chief scientist}",
        ],
    );
    assert_fact(
        "The board met Pembrook Analytics president Ruth Callendry in May.",
        &[
            "[Ruth Callendry]Person --affiliatedWith--> [Pembrook Analytics]",
            "{president}",
        ],
    );
    assert_fact(
        "Quorra Labs' co-founder and chief executive officer Bram Osterhout said little about revenue.",
        &["[Bram Osterhout]Person --affiliatedWith--> [Quorra Labs]"],
    );
    // A customer is no employee.
    assert_no_fact(
        "Vastrel Dynamics customer Edda Marlowe complained about the delay.",
        &["[Edda Marlowe]Person --affiliatedWith--> [Vastrel Dynamics]"],
    );
}

#[test]
fn premodifier_role_coordinated() {
    // FIXME: the coordinated role before the name is cut to {co-founder}; it should be
    // {co-founder and chief executive officer}.
    assert_fact(
        "Quorra Labs' co-founder and chief executive officer Bram Osterhout said little about revenue.",
        &[
            "[Bram Osterhout]Person --affiliatedWith--> [Quorra Labs]",
            "{co-founder}",
        ],
    );
}

/// copula-role: "X is/was ROLE at/of Y".
#[test]
fn copula_role() {
    assert_fact(
        "Marisol Quenby is treasurer at Pembrook Analytics.",
        &[
            "[Marisol Quenby]Person --affiliatedWith--> [Pembrook Analytics]",
            "{treasurer}",
        ],
    );
    assert_fact(
        "Until 2020, Marisol Quenby was a senior economist at Straven Bank.",
        &[
            "[Marisol Quenby]Person --affiliatedWith--> [Straven Bank]",
            "{senior economist}",
        ],
    );
    assert_fact(
        "Ilka Verhoeven, who lives in Oslo, was chief operating officer of Ferrowind Energy until 2021.",
        &[
            "[Ilka Verhoeven]Person --affiliatedWith--> [Ferrowind Energy]",
            "{chief operating officer}",
        ],
    );
    // The organisation behind a department is the employer.
    assert_fact(
        "Before retiring, Marisol Quenby was associate head of research at the chemistry department at Dunmere University.",
        &["[Marisol Quenby]Person --affiliatedWith--> [Dunmere University]"],
    );
    assert_no_fact(
        "Gunnar Tellis is angry at Pembrook Analytics.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn copula_role_acting() {
    assert_fact(
        "Gunnar Tellis is acting treasurer at Pembrook Analytics.",
        &[
            "[Gunnar Tellis]Person --affiliatedWith--> [Pembrook Analytics]",
            "{acting treasurer}",
        ],
    );
}

#[test]
fn copula_role_associate_head() {
    assert_fact(
        "Before retiring, Marisol Quenby was associate head of research at the chemistry department at Dunmere University.",
        &[
            "[Marisol Quenby]Person --affiliatedWith--> [Dunmere University]",
            "{associate head of research}",
        ],
    );
}

#[test]
fn copula_role_customer_is_no_role() {
    assert_no_fact(
        "Gunnar Tellis is a loyal customer of Pembrook Analytics.",
        &["[Gunnar Tellis]Person --affiliatedWith--> [Pembrook Analytics]"],
    );
}

#[test]
fn copula_role_visitor_is_no_role() {
    assert_no_fact(
        "Gunnar Tellis was a frequent visitor at Pembrook Analytics.",
        &["[Gunnar Tellis]Person --affiliatedWith--> [Pembrook Analytics]"],
    );
}

/// member-verb: joined, taught at, worked for, spent N years at, rejoined.
#[test]
fn member_verbs() {
    assert_fact(
        "Aksel Korvath joined Tessaly Robotics in 2019.",
        &["[Aksel Korvath]Person --affiliatedWith--> [Tessaly Robotics]"],
    );
    assert_fact(
        "For a decade, Dagny Holloway taught at Dunmere University.",
        &["[Dagny Holloway]Person --affiliatedWith--> [Dunmere University]"],
    );
    assert_fact(
        "Corvin Ashgrove spent six years at Marrick Capital before leaving for a rival.",
        &["[Corvin Ashgrove]Person --affiliatedWith--> [Marrick Capital]"],
    );
    assert_fact(
        "Leontine Vosberg rejoined Halbeck Institute last month.",
        &["[Leontine Vosberg]Person --affiliatedWith--> [Halbeck Institute]"],
    );
    assert_fact(
        "Tobin Maresh worked for Straven Bank until 2015.",
        &["[Tobin Maresh]Person --affiliatedWith--> [Straven Bank]"],
    );
    assert_no_fact(
        "Aksel Korvath joined a call with Tessaly Robotics on Friday.",
        &["--affiliatedWith-->"],
    );
}

/// joined-as-role: "X joined Y as R".
#[test]
fn joined_as_role() {
    assert_fact(
        "Elin Carvesse, who left Straven Bank in 2020, joined Halbeck Institute as director of policy.",
        &[
            "[Elin Carvesse]Person --affiliatedWith--> [Halbeck Institute]",
            "{director of policy}",
        ],
    );
    assert_fact(
        "After leaving Straven Bank, Anselm Wrenfield joined Marrick Capital as a managing partner.",
        &[
            "[Anselm Wrenfield]Person --affiliatedWith--> [Marrick Capital]",
            "{managing partner}",
        ],
    );
    assert_no_fact(
        "Sunniva Drachmann joined Quorra Labs as a favour to an old friend.",
        &["{favour"],
    );
}

#[test]
fn joined_as_role_head_of_alignment() {
    assert_fact(
        "Sunniva Drachmann joined Quorra Labs as head of alignment.",
        &[
            "[Sunniva Drachmann]Person --affiliatedWith--> [Quorra Labs]",
            "{head of alignment}",
        ],
    );
}

#[test]
fn joined_as_role_rejoined() {
    assert_fact(
        "Anselm Wrenfield rejoined Marrick Capital as a managing partner last year.",
        &[
            "[Anselm Wrenfield]Person --affiliatedWith--> [Marrick Capital]",
            "{managing partner}",
        ],
    );
}

#[test]
fn joined_as_role_after_appositive() {
    // FIXME: an appositive after the subject ('X, a physicist, joined Y as R') gives nothing; it
    // should give [Sunniva Drachmann]Person --affiliatedWith--> [Quorra Labs]
    // {vice president of research}.
    assert_no_fact(
        "Sunniva Drachmann, a physicist, joined Quorra Labs as vice president of research in 2020.",
        &["[Sunniva Drachmann]Person --affiliatedWith--> [Quorra Labs]"],
    );
}

/// appointed-role, appointed-role-relative, hired, hired-passive.
#[test]
fn appointed_and_hired() {
    assert_fact(
        "Yusra Talmadge, who was appointed president of Halbeck Institute last year, resigned on Friday.",
        &[
            "[Yusra Talmadge]Person --affiliatedWith--> [Halbeck Institute]",
            "{president}",
        ],
    );
    assert_fact(
        "Yusra Talmadge was elected president of the Halbeck Institute in 2022.",
        &[
            "[Yusra Talmadge]Person --affiliatedWith--> [Halbeck Institute]",
            "{president}",
        ],
    );
    assert_fact(
        "Matthias Kjell was hired as chief financial officer by Ferrowind Energy.",
        &[
            "[Matthias Kjell]Person --affiliatedWith--> [Ferrowind Energy]",
            "{chief financial officer}",
        ],
    );
    assert_fact(
        "Odile Fenwright was hired by Dunmere University in 2020.",
        &["[Odile Fenwright]Person --affiliatedWith--> [Dunmere University]"],
    );
    // The same constructions with other names, words and tails: the parser's repairs keep
    // "by X" the agent and "of X" the post's.
    assert_fact(
        "Marta Quell was recruited by Orsino Robotics last spring.",
        &["[Marta Quell]Person --affiliatedWith--> [Orsino Robotics]"],
    );
    assert_fact(
        "Teodor Vance was hired by the Kelmar Institute in March.",
        &["[Teodor Vance]Person --affiliatedWith--> [Kelmar Institute]"],
    );
    assert_fact(
        "Lina Rosk was named director of Pavlor Labs in 2021.",
        &[
            "[Lina Rosk]Person --affiliatedWith--> [Pavlor Labs]",
            "{director}",
        ],
    );
    assert_fact(
        "Bram Ostin was appointed chief scientist of Quillon AI on Monday.",
        &[
            "[Bram Ostin]Person --affiliatedWith--> [Quillon AI]",
            "{chief scientist}",
        ],
    );
    assert_fact(
        "Ferrowind Energy hired Matthias Kjell as chief financial officer.",
        &["[Matthias Kjell]Person --affiliatedWith--> [Ferrowind Energy]"],
    );
    assert_no_fact(
        "Ferrowind Energy sued Matthias Kjell over a patent.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn appointed_role_passive_appointed() {
    assert_fact(
        "Yusra Talmadge was appointed president of Halbeck Institute in 2022.",
        &[
            "[Yusra Talmadge]Person --affiliatedWith--> [Halbeck Institute]",
            "{president}",
        ],
    );
}

/// "Y hired / appointed / named X as R": the role comes with the affiliation.
#[test]
fn hired_as_role() {
    assert_fact(
        "Ferrowind Energy hired Matthias Kjell as chief financial officer.",
        &[
            "[Matthias Kjell]Person --affiliatedWith--> [Ferrowind Energy]",
            "{chief financial officer}",
        ],
    );
    assert_fact(
        "Quorra Labs appointed Dana Orlov as its head of research.",
        &[
            "[Dana Orlov]Person --affiliatedWith--> [Quorra Labs]",
            "{head of research}",
        ],
    );
    assert_fact(
        "Tavor Research named Ola Brandt as chief scientist last week.",
        &[
            "[Ola Brandt]Person --affiliatedWith--> [Tavor Research]",
            "{chief scientist}",
        ],
    );
}

#[test]
fn appointed_object_role() {
    assert_fact(
        "Dunmere University appointed Odile Fenwright dean of engineering on Monday.",
        &[
            "[Odile Fenwright]Person --affiliatedWith--> [Dunmere University]",
            "{dean of engineering}",
        ],
    );
}

#[test]
fn named_its_new_role() {
    assert_fact(
        "Pembrook Analytics named Corin Vale its new head of sales.",
        &[
            "[Corin Vale]Person --affiliatedWith--> [Pembrook Analytics]",
            "{new head of sales}",
        ],
    );
}

/// works-for / role-object: "X covers Z for Y", "X works as R for Y", "X became R at Y".
#[test]
fn works_for_and_role_object() {
    assert_fact(
        "Desmond Arkwright covers the chip industry for Straven Bank.",
        &["[Desmond Arkwright]Person --affiliatedWith--> [Straven Bank]"],
    );
    assert_fact(
        "Prunella Mundy works as a chip analyst for Straven Bank.",
        &[
            "[Prunella Mundy]Person --affiliatedWith--> [Straven Bank]",
            "{chip analyst}",
        ],
    );
    assert_fact(
        "Kasimir Olund became lead designer at Tessaly Robotics.",
        &[
            "[Kasimir Olund]Person --affiliatedWith--> [Tessaly Robotics]",
            "{lead designer}",
        ],
    );
    assert_no_fact(
        "Desmond Arkwright wrote a harsh review of Straven Bank.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Desmond Arkwright reports on Vellum News for the Carrow Herald.",
        &["--affiliatedWith--> [Vellum News]"],
    );
}

#[test]
fn works_for_covers_markets() {
    assert_fact(
        "Prunella Mundy covers energy markets for Straven Bank.",
        &["[Prunella Mundy]Person --affiliatedWith--> [Straven Bank]"],
    );
}

#[test]
fn works_for_reports_on() {
    // FIXME: 'X reports on Z for Y' gives nothing; it should give
    // [Desmond Arkwright]Person --affiliatedWith--> [Vellum News].
    assert_no_fact(
        "Desmond Arkwright reports on climate policy for Vellum News.",
        &["[Desmond Arkwright]Person --affiliatedWith--> [Vellum News]"],
    );
}

#[test]
fn works_for_wrote_column() {
    // FIXME: 'X wrote a column for Y' gives nothing; it should give
    // [Ottilie Brandvold]Person --affiliatedWith--> [Carrow Herald].
    assert_no_fact(
        "For years Ottilie Brandvold wrote a weekly column for the Carrow Herald.",
        &["[Ottilie Brandvold]Person --affiliatedWith--> [Carrow Herald]"],
    );
}

/// Descriptions before names: "former Y engineers A and B", "Y co-founders A and B" (both people,
/// the role singular).
#[test]
fn descriptions_before_coordinated_names() {
    let text = "The round was led by Quorra Labs co-founders Bram Osterhout and Liesel Hartwig.";
    assert_fact(
        text,
        &[
            "[Bram Osterhout]Person --affiliatedWith--> [Quorra Labs]",
            "{co-founder}",
        ],
    );
    assert_fact(
        text,
        &[
            "[Liesel Hartwig]Person --affiliatedWith--> [Quorra Labs]",
            "{co-founder}",
        ],
    );
    let text = "In 2021, Quorra Labs co-founders Bram Osterhout and Liesel Hartwig raised money.";
    assert_fact(
        text,
        &[
            "[Liesel Hartwig]Person --affiliatedWith--> [Quorra Labs]",
            "{co-founder}",
        ],
    );
    let text = "The company was started by former Vastrel Dynamics engineers Kasimir Olund and Freya Mattock.";
    assert_fact(
        text,
        &[
            "[Kasimir Olund]Person --affiliatedWith--> [Vastrel Dynamics]",
            "engineer}",
        ],
    );
    assert_fact(
        text,
        &[
            "[Freya Mattock]Person --affiliatedWith--> [Vastrel Dynamics]",
            "engineer}",
        ],
    );
    assert_fact(
        "Last year former Vastrel Dynamics engineer Kasimir Olund started a new company.",
        &[
            "[Kasimir Olund]Person --affiliatedWith--> [Vastrel Dynamics]",
            "engineer}",
        ],
    );
    assert_no_fact(
        "Vastrel Dynamics fans Kasimir Olund and Freya Mattock queued overnight.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn description_at_sentence_start() {
    let text =
        "Former Vastrel Dynamics engineers Kasimir Olund and Freya Mattock started a new company.";
    assert_fact(
        text,
        &["[Kasimir Olund]Person --affiliatedWith--> [Vastrel Dynamics]"],
    );
    assert_fact(
        text,
        &["[Freya Mattock]Person --affiliatedWith--> [Vastrel Dynamics]"],
    );
}

#[test]
fn description_at_sentence_start_with_speech() {
    let text =
        "Quorra Labs co-founders Bram Osterhout and Liesel Hartwig said the round was closed.";
    assert_fact(
        text,
        &[
            "[Bram Osterhout]Person --affiliatedWith--> [Quorra Labs]",
            "{co-founder}",
        ],
    );
    assert_fact(
        text,
        &[
            "[Liesel Hartwig]Person --affiliatedWith--> [Quorra Labs]",
            "{co-founder}",
        ],
    );
}

#[test]
fn description_after_fronted_adverbial() {
    assert_fact(
        "On Monday, Tessaly Robotics researchers Anouk Verbeek and Jarek Polonsky published a paper.",
        &[
            "[Anouk Verbeek]Person --affiliatedWith--> [Tessaly Robotics]",
            "{researcher}",
        ],
    );
}

/// A title that is an occupation gives the role.
#[test]
fn occupational_title_gives_the_role() {
    assert_fact(
        "The study was led by Professor Halvard Brenn of Dunmere University.",
        &[
            "[Halvard Brenn]Person --affiliatedWith--> [Dunmere University]",
            "{professor}",
        ],
    );
    let text = "Professor Halvard Brenn of Dunmere University and Professor Sigrun Aldous of Vell University disagreed.";
    assert_fact(
        text,
        &[
            "[Halvard Brenn]Person --affiliatedWith--> [Dunmere University]",
            "{professor}",
        ],
    );
    assert_fact(
        text,
        &[
            "[Sigrun Aldous]Person --affiliatedWith--> [Vell University]",
            "{professor}",
        ],
    );
    assert_no_fact(
        "Professor Halvard Brenn visited Dunmere University on Monday.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn occupational_title_shared_organisation() {
    // 'Professor A and B of Y': the organisation is shared by the coordination.
    let text = "Professor Halvard Brenn and Sigrun Aldous of Dunmere University led the study.";
    assert_fact(
        text,
        &["[Sigrun Aldous]Person --affiliatedWith--> [Dunmere University]"],
    );
    assert_fact(
        text,
        &[
            "[Halvard Brenn]Person --affiliatedWith--> [Dunmere University]",
            "{professor}",
        ],
    );
}

#[test]
fn occupational_title_both_of() {
    // FIXME: 'A and B, both of Y' gives nothing; it should give
    // [Sigrun Aldous]Person --affiliatedWith--> [Dunmere University] {professor} (and the same for
    // Halvard Brenn).
    assert_no_fact(
        "Professor Halvard Brenn and Professor Sigrun Aldous, both of Dunmere University, signed the letter.",
        &["[Sigrun Aldous]Person --affiliatedWith--> [Dunmere University]"],
    );
}

#[test]
fn courtesy_title_dr_is_no_role() {
    assert_no_fact(
        "Dr. Sigrun Aldous of Dunmere University led the study.",
        &["{dr}"],
    );
}

#[test]
fn courtesy_title_mr_is_no_role() {
    assert_no_fact(
        "Mr. Halvard Brenn of Dunmere University spoke first.",
        &["{mr}"],
    );
}

/// An unknown name after "ROLE of" or before a lowercase occupation is an organisation.
#[test]
fn organisations_typed_from_their_context() {
    let text = "Vilja Norrgard, president of Brask Polymers, said orders had doubled.";
    assert_fact(
        text,
        &[
            "[Vilja Norrgard]Person --affiliatedWith--> [Brask Polymers]",
            "{president}",
        ],
    );
    assert_no_fact(text, &["[Brask Polymers]Person"]);
    assert_fact(
        "Vilja Norrgard, president of Tarnwick, said orders had doubled.",
        &["[Vilja Norrgard]Person --affiliatedWith--> [Tarnwick]Organization"],
    );
    let text = "Aurelio Santangelo, a Tamsin Freight operations manager, said trucks were late.";
    assert_fact(
        text,
        &[
            "[Aurelio Santangelo]Person --affiliatedWith--> [Tamsin Freight]",
            "{operations manager}",
        ],
    );
    assert_no_fact(text, &["[Tamsin Freight]Person"]);
    assert_fact(
        "The shipment was approved by Wendell Oyelaran, chairman of Halvik Ferries.",
        &["[Wendell Oyelaran]Person --affiliatedWith--> [Halvik Ferries]Organization"],
    );
}

/// Employers that are nationalities, party-state tags or single common words are dropped.
#[test]
fn employers_that_are_not_organisations() {
    assert_no_fact(
        "Soviet pianist Arkady Velnikov performed in Vienna.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Norwegian economist Olek Dravin praised the plan.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Sen. Marla Hutchings, D-Ore., voted against the bill.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Rep. Tomek Quill, R-Texas, opposed the measure.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Marketing director Olav Brusk left in June.",
        &["--affiliatedWith-->"],
    );
    // The filter drops the nationality, not the real employer beside it.
    let text =
        "Soviet pianist Arkady Velnikov, a professor at Dunmere Conservatory, performed in Vienna.";
    assert_fact(
        text,
        &["[Arkady Velnikov]Person --affiliatedWith--> [Dunmere Conservatory]"],
    );
    assert_no_fact(text, &["--affiliatedWith--> [Soviet"]);
}

// ---------------------------------------------------------------------------------------------
// Releases
// ---------------------------------------------------------------------------------------------

/// release-verb: released, launched, open-sourced, unveiled.
#[test]
fn release_verbs() {
    assert_fact(
        "Quorra Labs released Pellucid, a coding assistant, on Tuesday.",
        &["[Quorra Labs]Company --released--> [Pellucid]Model"],
    );
    assert_fact(
        "Last month Vastrel Dynamics launched its new model, Sparrowhawk.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]Model"],
    );
    assert_fact(
        "Halbeck Institute has open-sourced Gannet-2, its translation model.",
        &["[Halbeck Institute]", "--released--> [Gannet-2]Model"],
    );
    assert_fact(
        "In May, Corlith Observatory unveiled Stargaze, a model that classifies galaxies.",
        &["[Corlith Observatory]", "--released--> [Stargaze]Model"],
    );
    assert_no_fact(
        "Quorra Labs criticised Pellucid, a rival model, on Tuesday.",
        &["--released-->"],
    );
}

/// "introduced a model called M": the model noun before the naming verb makes M a model, and
/// M is what was released.
#[test]
fn release_verb_called_introduced() {
    assert_fact(
        "Tessaly Robotics introduced a model called Marten.",
        &["[Tessaly Robotics]Company --released--> [Marten]Model"],
    );
}

#[test]
fn release_verb_called_released() {
    assert_fact(
        "Tessaly Robotics released a chatbot called Marten.",
        &["[Tessaly Robotics]Company --released--> [Marten]Model"],
    );
}

/// The phrase before the naming verb describes the name: it is not released itself.
#[test]
fn release_verb_called_not_the_common_noun() {
    let text = "Tessaly Robotics on Monday unveiled a robot model called Marten.";
    assert_fact(
        text,
        &["[Tessaly Robotics]Company --released--> [Marten]Model"],
    );
    assert_no_fact(text, &["--released--> [robot model]"]);
    let text = "Orvane Labs released a small chat model known as Pica on Friday.";
    assert_fact(text, &["[Orvane Labs]", "--released--> [Pica]Model"]);
    assert_no_fact(text, &["--released--> [small chat model]"]);
    // Without a name after it, the phrase is still what was released.
    assert_fact(
        "Tessaly Robotics released a new robot model on Monday.",
        &["[Tessaly Robotics]Company --released--> [new robot model]Model"],
    );
}

/// released-by and released-by-reduced.
#[test]
fn released_by() {
    assert_fact(
        "Pellucid was released by Quorra Labs in March.",
        &["[Quorra Labs]Company --released--> [Pellucid]Model"],
    );
    assert_fact(
        "The assistant Marten was unveiled last week by Tessaly Robotics.",
        &["[Tessaly Robotics]Company --released--> [Marten]Model"],
    );
    assert_fact(
        "Sparrowhawk, a model released by Vastrel Dynamics in April, drew users.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]Model"],
    );
    assert_no_fact("Pellucid was praised by Quorra Labs.", &["--released-->"]);
}

#[test]
fn released_by_reduced_launched() {
    // FIXME: released-by-reduced: 'M, launched by Y in April, ...' gives nothing; it should give
    // [Vastrel Dynamics]Company --released--> [Sparrowhawk]Model.
    assert_no_fact(
        "Sparrowhawk, launched by Vastrel Dynamics in April, quickly drew users.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]"],
    );
}

#[test]
fn released_by_reduced_after_object() {
    // FIXME: released-by-reduced after an object ('praised M, released by Y') gives nothing; it
    // should give [Vastrel Dynamics]Company --released--> [Sparrowhawk]Model.
    assert_no_fact(
        "Users praised Sparrowhawk, released by Vastrel Dynamics in April.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]"],
    );
}

/// launch-of and launch-of-possessed.
#[test]
fn launch_of() {
    assert_fact(
        "Since the launch of Quorra Labs' chatbot Pellucid, usage has doubled.",
        &["[Quorra Labs]Company --released--> [Pellucid]Model"],
    );
    assert_fact(
        "Analysts praised the release of Tessaly Robotics's Marten model.",
        &["[Tessaly Robotics]Company --released--> [Marten]Model"],
    );
    assert_no_fact(
        "After the launch of Pellucid, Vastrel Dynamics cut prices.",
        &["--released-->"],
    );
}

#[test]
fn launch_of_by() {
    assert_fact(
        "Since the launch of Sparrowhawk by Vastrel Dynamics, rivals have cut prices.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]Model"],
    );
}

#[test]
fn launch_of_as_subject() {
    // FIXME: 'The launch of Y's M' as the subject of the sentence gives nothing; it should give
    // [Vastrel Dynamics]Company --released--> [Sparrowhawk]Model.
    assert_no_fact(
        "The launch of Vastrel Dynamics' Sparrowhawk surprised rivals.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]"],
    );
}

/// made-available: "Y made its M model (freely) available", "Y made M open source".
#[test]
fn made_available() {
    assert_fact(
        "Halbeck Institute made its Gannet model freely available.",
        &["[Halbeck Institute]", "--released--> [Gannet]Model"],
    );
    assert_fact(
        "In June, Quorra Labs made Pellucid-2 available to all developers.",
        &["[Quorra Labs]Company --released--> [Pellucid-2]Model"],
    );
    assert_fact(
        "Tessaly Robotics made its Marten model open source.",
        &["[Tessaly Robotics]Company --released--> [Marten]Model"],
    );
    assert_no_fact("Quorra Labs made Pellucid faster.", &["--released-->"]);
}

#[test]
fn made_available_bare_name_open_source() {
    // FIXME: 'Y made M open source' with a bare name gives nothing ('its M model' works); it
    // should give [Tessaly Robotics]Company --released--> [Marten]Model.
    assert_no_fact(
        "Tessaly Robotics made Marten open source last week.",
        &["[Tessaly Robotics]Company --released--> [Marten]"],
    );
}

#[test]
fn made_available_bare_name_publicly() {
    // FIXME: 'Y made M publicly available' with a bare name gives nothing; it should give
    // [Vastrel Dynamics]Company --released--> [Sparrowhawk]Model.
    assert_no_fact(
        "Vastrel Dynamics made Sparrowhawk publicly available.",
        &["[Vastrel Dynamics]Company --released--> [Sparrowhawk]"],
    );
}

/// A version after a name belongs to it.
#[test]
fn versioned_model_names() {
    assert_fact(
        "Vastrel Dynamics released Sparrowhawk Chat 4.0 on Monday.",
        &["--released--> [Sparrowhawk Chat 4.0]Model"],
    );
    assert_fact(
        "Tessaly Robotics unveiled Marten V2.5 at a trade fair.",
        &["--released--> [Marten V2.5]Model"],
    );
    assert_fact(
        "Halbeck Institute open-sourced Gannet-13B.",
        &["--released--> [Gannet-13B]Model"],
    );
    assert_no_fact(
        "Halbeck Institute moved to Building 4 in May.",
        &["[Building 4]Model"],
    );
}

// ---------------------------------------------------------------------------------------------
// Speech
// ---------------------------------------------------------------------------------------------

/// Interview turns: each statement of a "Name:" turn, and the paragraphs after it, is the
/// speaker's; questions are nobody's.
#[test]
fn interview_turns() {
    let text = "Ravel Stent: What changed this year?\n\n\
                Marit Solberg: Batteries have become much cheaper. Our robots now run a full shift.\n\n\
                That was impossible five years ago.\n\n\
                Ravel Stent: Will prices fall?\n\n\
                Marit Solberg: Prices will fall by half.";
    for claim in [
        "{Batteries have become much cheaper}",
        "{Our robots now run a full shift}",
        "{That was impossible five years ago}",
        "{Prices will fall by half}",
    ] {
        assert_fact(text, &["[Marit Solberg]Person --holdsView-->", claim]);
    }
    assert_no_fact(text, &["[Ravel Stent]Person --holdsView-->"]);
    assert_no_fact(text, &["--holdsView-->", "?}"]);

    let text = "Ravel Stent: How did it start?\n\n\
                Marit Solberg: We built the first robot in a garage. It could barely lift a box.\n\n\
                Ravel Stent: And now?\n\n\
                Marit Solberg: Now we ship a thousand a month.";
    assert_fact(
        text,
        &[
            "[Marit Solberg]Person --holdsView-->",
            "{It could barely lift a box}",
        ],
    );
    assert_fact(
        text,
        &[
            "[Marit Solberg]Person --holdsView-->",
            "{Now we ship a thousand a month}",
        ],
    );
    // One turn alone is not an interview.
    assert_no_fact("Marit Solberg: Batteries got cheaper.", &["--holdsView-->"]);
}

/// A headline "Event | Name: claim" gives one view.
#[test]
fn interview_headline() {
    assert_fact(
        "Vendra Robotics Summit | Marit Solberg: Small robots will win the warehouse market",
        &[
            "[Marit Solberg]Person --holdsView-->",
            "{Small robots will win the warehouse market}",
        ],
    );
}

#[test]
fn interview_turn_short_first_sentence() {
    let text = "Ravel Stent: What changed this year?\n\n\
                Marit Solberg: Batteries got cheaper. Our robots now run a full shift.\n\n\
                Ravel Stent: Will prices fall?\n\n\
                Marit Solberg: Prices will fall by half.";
    assert_fact(
        text,
        &[
            "[Marit Solberg]Person --holdsView-->",
            "{Our robots now run a full shift}",
        ],
    );
    // FIXME: the first sentence of the turn gives no view (the rest of the turn does); it should
    // give [Marit Solberg]Person --holdsView--> ... {Batteries got cheaper}.
    assert_no_fact(
        text,
        &[
            "[Marit Solberg]Person --holdsView-->",
            "{Batteries got cheaper}",
        ],
    );
}

/// An unattributed quotation opening its sentence in a paragraph that names one person.
#[test]
fn unattributed_quotation_in_a_one_person_paragraph() {
    assert_fact(
        "Oskar Lindahl has run a bakery in Bergen for thirty years. \"Nobody here wants a robot baker.\"",
        &[
            "[Oskar Lindahl]Person --holdsView-->",
            "{Nobody here wants a robot baker}",
        ],
    );
    assert_fact(
        "The storm hit in August. Marta Ek watched from her porch. \"We lost nothing this time, thanks to the sensors.\"",
        &[
            "[Marta Ek]Person --holdsView-->",
            "{We lost nothing this time, thanks to the sensors}",
        ],
    );
    assert_fact(
        "Joakim Ferreby leads the arm team at Tessaly Robotics. \"Grippers are the hard part. Software is easy.\"",
        &["[Joakim Ferreby]Person --holdsView-->", "Grippers are the hard part"],
    );
    // Two people: whose quotation it is cannot be told.
    assert_no_fact(
        "Oskar Lindahl and Petra Vinje run a bakery in Bergen. \"Nobody here wants a robot baker.\"",
        &["--holdsView-->"],
    );
    // The quotation's own paragraph names nobody.
    assert_no_fact(
        "Marta Ek is the oldest farmer in the valley.\n\n\"The drones saved my harvest last year.\"",
        &["--holdsView-->"],
    );
}

#[test]
fn unattributed_short_quotation() {
    // FIXME: a short quotation after a long sentence in a one-person paragraph gives no view;
    // it should give [Marta Ek]Person --holdsView--> ... {It saved my harvest}.
    assert_no_fact(
        "Marta Ek farms barley in the north and bought her first drone in 2021. \"It saved my harvest.\"",
        &["[Marta Ek]Person --holdsView-->"],
    );
}

/// "according to Y's ROLE X, CLAIM" and "CLAIM, Y's ROLE X said" are X's, not Y's.
#[test]
fn attribution_through_a_description() {
    let text = "According to Quorra Labs' co-founder and chief executive Bram Osterhout, demand for small models is growing.";
    assert_fact(
        text,
        &[
            "[Bram Osterhout]Person --holdsView-->",
            "{demand for small models is growing}",
        ],
    );
    assert_no_fact(text, &["[Quorra Labs]Company --holdsView-->"]);
    let text =
        "Demand for small models is growing, Quorra Labs' co-founder and CEO Bram Osterhout said.";
    assert_fact(
        text,
        &[
            "[Bram Osterhout]Person --holdsView-->",
            "{Demand for small models is growing}",
        ],
    );
    assert_no_fact(text, &["[Quorra Labs]Company --holdsView-->"]);
    assert_fact(
        "The chips will ship in June, Tessaly Robotics' chief engineer Joakim Ferreby said.",
        &[
            "[Joakim Ferreby]Person --holdsView-->",
            "{The chips will ship in June}",
        ],
    );
}

#[test]
fn end_attribution_with_time() {
    assert_fact(
        "The chips will ship in June, Tessaly Robotics' chief engineer Joakim Ferreby said on Monday.",
        &[
            "[Joakim Ferreby]Person --holdsView-->",
            "{The chips will ship in June}",
        ],
    );
}

#[test]
fn end_attribution_told_reporters() {
    assert_fact(
        "Prices will fall, Vastrel Dynamics co-founder and CEO Edda Marlowe told reporters on Monday.",
        &["[Edda Marlowe]Person --holdsView-->", "{Prices will fall}"],
    );
    assert_fact(
        "The lab will open in May, Halvard Brenn told the Carrow Herald.",
        &[
            "[Halvard Brenn]Person --holdsView-->",
            "{The lab will open in May}",
        ],
    );
    assert_fact(
        "Demand has doubled, Odile Fenwright told local journalists.",
        &[
            "[Odile Fenwright]Person --holdsView-->",
            "{Demand has doubled}",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

/// "P1, P2": a place and the known larger place it is in; an unknown name before it is a place.
#[test]
fn place_pairs() {
    assert_fact(
        "The plant in Pellmore Springs, Colo., employs 300 people.",
        &["[Pellmore Springs]Place --locatedIn--> [Colo"],
    );
    assert_fact(
        "Researchers in Bergen, Norway, built the model.",
        &["[Bergen]Place --locatedIn--> [Norway]Place"],
    );
    assert_fact(
        "Ferrowind Energy opened an office in Kvalvik, Norway, last spring.",
        &["[Kvalvik]Place --locatedIn--> [Norway]Place"],
    );
    assert_no_fact(
        "The model supports France, Germany and Italy.",
        &["--locatedIn-->"],
    );
}

/// "ORG in PLACE", "ORG of PLACE".
#[test]
fn organisation_in_place() {
    assert_fact(
        "Researchers at the Arvenne Institute in Tallinn built the model.",
        &["[Arvenne Institute]", "--locatedIn--> [Tallinn]Place"],
    );
    assert_fact(
        "Staff at Halbeck Institute in Geneva voted to strike.",
        &["[Halbeck Institute]", "--locatedIn--> [Geneva]Place"],
    );
    assert_fact(
        "Analysts at Straven Bank in Lisbon raised their forecast.",
        &["[Straven Bank]Company --locatedIn--> [Lisbon]Place"],
    );
    assert_no_fact(
        "Staff at Halbeck Institute met officials in Geneva.",
        &["--locatedIn-->"],
    );
}

/// "ORG of PLACE" after a firm's suffix: the place is where the firm is, not part of its name;
/// names whose head takes an "of" keep it ("Royal Bank of Scotland", "University of Bergen").
#[test]
fn organisation_of_place() {
    assert_fact(
        "Ferrowind Energy of Bergen hired ten people.",
        &["[Ferrowind Energy]Company --locatedIn--> [Bergen]Place"],
    );
    assert_fact(
        "Quorra Technologies of Vilnius hired ten people.",
        &["[Quorra Technologies]Company --locatedIn--> [Vilnius]Place"],
    );
    let text = "Tessaly Robotics of Tallinn and Ferrowind Energy of Bergen signed a deal.";
    assert_fact(
        text,
        &["[Tessaly Robotics]Company --locatedIn--> [Tallinn]Place"],
    );
    assert_fact(
        text,
        &["[Ferrowind Energy]Company --locatedIn--> [Bergen]Place"],
    );
    assert_no_fact(
        text,
        &["[Ferrowind Energy]Company --locatedIn--> [Tallinn]"],
    );
    let found = entities("The Royal Bank of Scotland cut jobs at the University of Bergen.");
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("Royal Bank of Scotland/"))
            && found.iter().any(|e| e.starts_with("University of Bergen/")),
        "{found:?}"
    );
}

#[test]
fn organisation_of_place_after_by() {
    assert_fact(
        "The deal was signed by Tessaly Robotics of Tallinn.",
        &["[Tessaly Robotics]Company --locatedIn--> [Tallinn]Place"],
    );
}

/// A paragraph that is only a quotation goes on with the speaker of the paragraph before; a
/// quotation followed by narrative in its paragraph does not.
#[test]
fn quotation_paragraph_continues_the_previous_speaker() {
    let text = "\"We will open two labs next year,\" Halvard Brenn said on Monday.\n\n\
                \"Both will hire local engineers first.\"";
    assert_fact(
        text,
        &[
            "[Halvard Brenn]Person --holdsView-->",
            "{Both will hire local engineers first}",
        ],
    );
    let text = "Sigrun Aldous, the chief engineer, said: \"The results look strong.\"\n\n\
                \"Nobody expected the battery to last a full week.\"";
    assert_fact(
        text,
        &[
            "[Sigrun Aldous]Person --holdsView-->",
            "{Nobody expected the battery to last a full week}",
        ],
    );
    let text = "\"Prices will fall,\" said Odile Fenwright, who runs the Pembrook fund.\n\n\
                \"Small models are cheap to serve.\" The slogan, painted on a wall in Ravensworth, \
                has spread among engineers.";
    assert_no_fact(
        text,
        &[
            "[Odile Fenwright]Person --holdsView-->",
            "{Small models are cheap to serve}",
        ],
    );
}

/// A speaker after the verb may come after a description that names the organisation by its
/// kind: "said the company's chief X".
#[test]
fn speaker_after_a_description() {
    for (text, who) in [
        (
            "\"You will like it,\" posted the company's chief Bram Osterhout on Monday.",
            "Bram Osterhout",
        ),
        (
            "\"The chips are ready,\" said the firm's chief engineer Joakim Ferreby.",
            "Joakim Ferreby",
        ),
        (
            "\"We are not for sale,\" wrote the startup's co-founder Liesel Hartwig.",
            "Liesel Hartwig",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --holdsView-->")]);
    }
}

/// A quoted fragment inside a clause finishes the claim that began before it.
#[test]
fn quoted_fragment_finishes_the_claim() {
    assert_fact(
        "The new chip will take the laptops \"to a new level,\" chief executive Dana Whitlock said.",
        &[
            "[Dana Whitlock]Person --holdsView-->",
            "{The new chip will take the laptops to a new level}",
        ],
    );
    assert_fact(
        "The merger makes the group \"stronger and faster,\" said Halvard Brenn.",
        &[
            "[Halvard Brenn]Person --holdsView-->",
            "{The merger makes the group stronger and faster}",
        ],
    );
    // A whole quotation after a colon keeps its own words.
    assert_fact(
        "Marit Solberg does not mince words: \"Openness is the only way forward,\" she says.",
        &[
            "[Marit Solberg]Person --holdsView-->",
            "{Openness is the only way forward}",
        ],
    );
}

/// What an organisation publishes speaks for it: "the company's blog post states", "a statement
/// from Y said", "…," the blog post continues.
#[test]
fn a_publication_speaks_for_its_organisation() {
    assert_fact(
        "Orvane will license its chips to Tessaro, the company's blog post states.",
        &[
            "[Orvane]Organization --holdsView-->",
            "{Orvane will license its chips to Tessaro}",
        ],
    );
    assert_fact(
        "A statement from Halbeck Institute said the new lab would open in May.",
        &[
            "[Halbeck Institute]",
            "--holdsView-->",
            "{the new lab would open in May}",
        ],
    );
    assert_fact(
        "Pembrook Analytics cut prices in March.\n\n\"Demand for small models has doubled since then,\" the press release continues.",
        &[
            "[Pembrook Analytics]",
            "--holdsView-->",
            "{Demand for small models has doubled since then}",
        ],
    );
}

/// A name that owns a product or a position is an organisation: "Corvane's chatbot",
/// "Sakana's co-founder and chief executive X"; a person's team stays the person's.
#[test]
fn owner_of_a_product_or_position_is_an_organisation() {
    assert_fact(
        "Following the launch of Corvane's popular chatbot Lumo, rivals raised funds.",
        &["[Corvane]Organization --released--> [Lumo]Model"],
    );
    assert_fact(
        "Prices will fall, according to Sakana's co-founder and chief executive Dara Ho.",
        &["[Dara Ho]Person --affiliatedWith--> [Sakana]Organization"],
    );
    assert_fact(
        "Quillet's chatbot Brisa 2 beat its rivals.",
        &["[Quillet]Organization --developed--> [Brisa 2]Model"],
    );
    assert_fact(
        "Mira Holt's team released the Pollen model in May.",
        &["[Mira Holt]Person --leads--> [Mira Holt's team]Team"],
    );
}

/// A nationality is no employer, listed or not: "Chilean President X", "Kenyan minister X",
/// "Danish economist X".
#[test]
fn a_nationality_is_no_employer() {
    for (text, who) in [
        (
            "Chilean President Marisol Quenby opened the summit.",
            "Marisol Quenby",
        ),
        (
            "Kenyan minister Odile Fenwright signed the deal.",
            "Odile Fenwright",
        ),
        ("Danish economist Halvard Brenn disagreed.", "Halvard Brenn"),
    ] {
        assert_no_fact(text, &[&format!("[{who}]Person --affiliatedWith-->")]);
    }
}

/// After a named company, "the company's chief X" is X, not the company.
#[test]
fn the_companys_chief_speaks_for_himself() {
    for (text, who) in [
        ("Orvane was \"very happy to work with Tessaro on the new chips,\" posted the company's chief Bram Osterhout.", "Bram Osterhout"),
        ("Pembrook cut prices. \"Demand doubled in a month,\" said the company's chief executive Ruth Callendry.", "Ruth Callendry"),
        ("Halbeck Institute opened a lab. \"We will hire fifty people,\" said the institute's director Sigrun Aldous.", "Sigrun Aldous"),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --holdsView-->")]);
        assert_no_fact(text, &["Organization --holdsView-->"]);
    }
}

/// A clause without its own subject takes the sentence's: "X graduated … before working for Y".
#[test]
fn an_adverbial_clause_shares_the_subject() {
    for (text, who, org) in [
        (
            "Liesel Hartwig studied physics before working for Vastrel Dynamics.",
            "Liesel Hartwig",
            "Vastrel Dynamics",
        ),
        (
            "After leaving the army, Joakim Ferreby joined Tessaly Robotics.",
            "Joakim Ferreby",
            "Tessaly Robotics",
        ),
        (
            "Odile Fenwright taught chemistry for a decade before joining Pembrook Analytics.",
            "Odile Fenwright",
            "Pembrook Analytics",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{who}]Person --affiliatedWith--> [{org}]")],
        );
    }
}

/// "graduated from Y", "graduated from two universities, Y and Z": the role is graduate.
#[test]
fn graduated_from() {
    assert_fact(
        "Bram Osterhout graduated from Dunmere University in 2009.",
        &[
            "[Bram Osterhout]Person --affiliatedWith--> [Dunmere University]",
            "{graduate}",
        ],
    );
    let text =
        "Sigrun Aldous graduated from two old colleges, Halbeck College and Marrick College, \
                before working for Orvane Labs.";
    for org in ["Halbeck College", "Marrick College"] {
        assert_fact(
            text,
            &[
                &format!("[Sigrun Aldous]Person --affiliatedWith--> [{org}]"),
                "{graduate}",
            ],
        );
    }
    assert_fact(
        text,
        &["[Sigrun Aldous]Person --affiliatedWith--> [Orvane Labs]"],
    );
}

/// Universities named in other languages are universities: "École …", "Universität …".
#[test]
fn universities_in_other_languages() {
    for (text, org) in [
        (
            "Mira Holt studied at the Ecole Polytechnique de Varnes.",
            "Ecole Polytechnique de Varnes",
        ),
        (
            "Jonah Pell is a professor at the Universität Kessel.",
            "Universität Kessel",
        ),
        (
            "Ada Brisk, a researcher at the Universidad de Olmedo, spoke first.",
            "Universidad de Olmedo",
        ),
    ] {
        assert_fact(text, &[&format!("--affiliatedWith--> [{org}]University")]);
    }
}

/// A capitalised role makes a sentence worth parsing: "X will be CEO of Y".
#[test]
fn a_capitalised_role_in_a_copula() {
    assert_fact(
        "Halvard Brenn, one of the best-known names in robotics, will be CEO of Tessaly Robotics.",
        &["[Halvard Brenn]Person --affiliatedWith--> [Tessaly Robotics]"],
    );
}

/// An announced post is a fact ("will be CEO of Y", "will join Y"); a negated one is not.
#[test]
fn announced_posts_count_negated_ones_do_not() {
    assert_fact(
        "Ruth Callendry will join Pembrook Analytics in June.",
        &["[Ruth Callendry]Person --affiliatedWith--> [Pembrook Analytics]"],
    );
    assert_fact(
        "Halvard Brenn will be CEO of Tessaly Robotics.",
        &["[Halvard Brenn]Person --affiliatedWith--> [Tessaly Robotics]"],
    );
    assert_no_fact(
        "Halvard Brenn will not be CEO of Tessaly Robotics.",
        &["[Halvard Brenn]Person --affiliatedWith--> [Tessaly Robotics]"],
    );
    assert_no_fact(
        "Ruth Callendry did not join Pembrook Analytics after all.",
        &["[Ruth Callendry]Person --affiliatedWith--> [Pembrook Analytics]"],
    );
}

/// A title that seems to start inside the organisation's name ("Mistral AI CEO X": "AI" is also
/// a role modifier) starts after it.
#[test]
fn a_title_after_a_name_ending_in_ai() {
    for (text, who, org, role) in [
        (
            "\"We are ready,\" said Orvane AI CEO Bram Osterhout.",
            "Bram Osterhout",
            "Orvane AI",
            "{ceo}",
        ),
        (
            "Tessaly AI chief scientist Joakim Ferreby left in May.",
            "Joakim Ferreby",
            "Tessaly AI",
            "{chief scientist}",
        ),
        (
            "Reporters met Quorra AI president Liesel Hartwig on Monday.",
            "Liesel Hartwig",
            "Quorra AI",
            "{president}",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{who}]Person --affiliatedWith--> [{org}]"), role],
        );
    }
    // FIXME: when the parser reads the post as a name coordinated with the person's ("Omar
    // Haddad, Department Head of Applied Physics at Varna University, agreed": "Department"
    // a conj of "Omar"), the affiliation comes without the role {department head}.
    assert_fact(
        "Omar Haddad, Department Head of Applied Physics at Varna University, agreed.",
        &["[Omar Haddad]Person --affiliatedWith--> [Varna University]"],
    );
    // FIXME: a capitalised post that is no name gives no role; it should be {head of research}.
    assert_fact(
        "Milo Kestin, Head of Research at Orvane Labs, declined to comment.",
        &["[Milo Kestin]Person --affiliatedWith--> [Orvane Labs]Company"],
    );
    assert_no_fact(
        "Milo Kestin, Head of Research at Orvane Labs, declined to comment.",
        &["{head of research}"],
    );
}

/// A name that ends in a known place is a company's arm there ("Aon Hewitt Canada"), not a
/// person; a person named after a place keeps a given name first.
#[test]
fn a_company_arm_named_after_a_country() {
    for (text, org) in [
        (
            "Ruth Callendry is the former CEO of Pembrook Hale Canada.",
            "Pembrook Hale Canada",
        ),
        (
            "Bram Osterhout joined Orvane Japan in 2019.",
            "Orvane Japan",
        ),
        (
            "Liesel Hartwig, a director at Vastrel Brazil, spoke first.",
            "Vastrel Brazil",
        ),
    ] {
        assert_fact(text, &[&format!("--affiliatedWith--> [{org}]Organization")]);
    }
    assert_fact(
        "George Washington joined Orvane Labs in 2019.",
        &["[George Washington]Person --affiliatedWith--> [Orvane Labs]"],
    );
}

/// A list of appositive roles gives each its organisation: "X, a member of A, a professor at
/// B, and the president of C".
#[test]
fn a_list_of_appositive_roles() {
    let text =
        "Odile Fenwright, a member of the Marrick Academy of Sciences, a professor at Dunmere \
                University, and the president of the Halbeck Institute, opened the forum.";
    for (org, role) in [
        ("Marrick Academy of Sciences", "{member}"),
        ("Dunmere University", "{professor}"),
        ("Halbeck Institute", "{president}"),
    ] {
        assert_fact(
            text,
            &[
                &format!("[Odile Fenwright]Person --affiliatedWith--> [{org}]"),
                role,
            ],
        );
    }
    assert_fact(
        "Bram Osterhout, a partner at Orvane Capital, a fellow at Quorra College, spoke.",
        &[
            "[Bram Osterhout]Person --affiliatedWith--> [Quorra College]",
            "{fellow}",
        ],
    );
}

/// A leader's word leads only when it heads the role: a "chair professor" chairs nothing.
#[test]
fn a_leaders_word_must_head_the_role() {
    assert_no_fact(
        "Halvard Brenn, a chair professor at Dunmere University, spoke.",
        &["[Halvard Brenn]Person --leads--> [Dunmere University]"],
    );
    assert_fact(
        "Halvard Brenn, the chair of Dunmere University's board, spoke.",
        &["[Halvard Brenn]Person --affiliatedWith-->"],
    );
    assert_fact(
        "Ruth Callendry, co-founder and CEO of Pembrook Analytics, spoke.",
        &["[Ruth Callendry]Person --leads--> [Pembrook Analytics]"],
    );
}

/// "…, said X, adding that CLAIM": the participle's claim is the same speaker's, and a claim of
/// its own.
#[test]
fn a_participle_goes_on_with_the_speaker() {
    let text =
        "Prices will fall, said Ruth Callendry, adding that demand for small models has doubled.";
    assert_fact(
        text,
        &[
            "[Ruth Callendry]Person --holdsView-->",
            "{demand for small models has doubled}",
        ],
    );
    let text =
        "Halvard Brenn said the lab would open in May, noting that the city had offered land.";
    assert_fact(
        text,
        &[
            "[Halvard Brenn]Person --holdsView-->",
            "{the lab would open in May}",
        ],
    );
    assert_fact(
        text,
        &[
            "[Halvard Brenn]Person --holdsView-->",
            "{the city had offered land}",
        ],
    );
    assert_fact(
        "\"We were early,\" said Odile Fenwright, warning that rivals would soon copy the design.",
        &[
            "[Odile Fenwright]Person --holdsView-->",
            "{rivals would soon copy the design}",
        ],
    );
}

/// A day after the speech verb is no claim: "said Monday the company would …".
#[test]
fn a_day_after_the_verb_is_no_claim() {
    for (text, claim) in [
        (
            "Ruth Callendry said Monday the company would hire fifty engineers.",
            "{the company would hire fifty engineers}",
        ),
        (
            "Halvard Brenn said on Tuesday that the lab would open in May.",
            "{the lab would open in May}",
        ),
        (
            "Odile Fenwright said yesterday prices had peaked.",
            "{prices had peaked}",
        ),
    ] {
        assert_fact(text, &["--holdsView-->", claim]);
    }
}

/// An end attribution through an organisation and a title: "CLAIM, ORG chairman X said".
#[test]
fn an_end_attribution_through_org_and_title() {
    for (text, who) in [
        ("Small models will win, Pembrook chairman Halvard Brenn said.", "Halvard Brenn"),
        ("The chips are ready, Orvane Labs chief scientist Ruth Callendry said on Monday.", "Ruth Callendry"),
        ("Demand has doubled, Quorra Capital partner Odile Fenwright said, as she left the stage.", "Odile Fenwright"),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --holdsView-->")]);
    }
}

/// What is launched is a model, what is backed is an organisation, and a backer does not hide
/// the agent: "since the launch of M by Microsoft-backed Y".
#[test]
fn launched_things_and_backed_agents() {
    for (text, agent, model) in [
        ("Since the launch of Lumo by Halvard-backed Corvane a year ago, rivals have cut prices.", "Corvane", "Lumo"),
        ("After the release of Quilla by state-owned Tessaro, shares rose.", "Tessaro", "Quilla"),
        ("The debut of Marten by Orvane-funded Pembrook surprised analysts.", "Pembrook", "Marten"),
    ] {
        assert_fact(text, &[&format!("[{agent}]Organization --released--> [{model}]Model")]);
    }
}

/// A place that owns an organisation locates it: "France's unicorn start-up X", "the UAE's X";
/// a person's possession does not.
#[test]
fn a_place_that_owns_an_organisation_locates_it() {
    for (text, org, place) in [
        (
            "France's unicorn start-up Orvane AI raised money.",
            "Orvane AI",
            "France",
        ),
        (
            "The UAE's Halbeck Innovation Institute launched a fund.",
            "Halbeck Innovation Institute",
            "UAE",
        ),
        (
            "Korea's tech giant Tessaly hired ten people.",
            "Tessaly",
            "Korea",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{org}]"),
                &format!("--locatedIn--> [{place}]Place"),
            ],
        );
    }
    assert_no_fact("Mira Holt's startup Orvane grew.", &["--locatedIn-->"]);
}

/// "X, 47, of ORG", "X, of ORG," and "X of ACRONYM": the organisation of a person named with an
/// age or a comma; a lone unfamiliar word after the age is a home town, not an employer.
#[test]
fn a_person_of_an_organisation_after_an_age_or_a_comma() {
    for (text, who, org) in [
        (
            "The survey ended. Tomas Varga, 52, of the Norwegian Polar Institute, led it.",
            "Tomas Varga",
            "Norwegian Polar Institute",
        ),
        (
            "The port closed. Peter Okafor, of the Lagos Port Authority, declined to comment.",
            "Peter Okafor",
            "Lagos Port Authority",
        ),
        (
            "The crew was picked. Halvard Brenn of ESRO has been chosen to train.",
            "Halvard Brenn",
            "ESRO",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{who}]Person --affiliatedWith--> [{org}]")],
        );
    }
    assert_no_fact(
        "The race was close. Milo Kestin, 8, of Brantwood, won the ribbon.",
        &["--affiliatedWith-->"],
    );
    // At the start of an article too.
    assert_fact(
        "Jane Roe, 47, of the Orvane Mining Company, spoke.",
        &["[Jane Roe]Person --affiliatedWith--> [Orvane Mining Company]"],
    );
}

/// A nationality or a participle inside the description before an organisation does not stop
/// the role from reaching it: "attorney for the Chilean copper company X", "of the outlawed Y".
#[test]
fn a_described_organisation_after_a_role() {
    for (text, who, org) in [
        (
            "Dana Whitcomb, attorney for the Chilean copper company Minera Austral S.A., filed the motion.",
            "Dana Whitcomb",
            "Minera Austral S.A.",
        ),
        (
            "Omar Haddad, deputy secretary general of the outlawed Free Workers Front, was detained.",
            "Omar Haddad",
            "Free Workers Front",
        ),
        (
            "Ines Corvo, a spokeswoman for the Peruvian mining group Altiplata Holdings, said nothing.",
            "Ines Corvo",
            "Altiplata Holdings",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --affiliatedWith--> [{org}]")]);
    }
    assert_no_fact(
        "Dana Whitcomb, attorney for the Chilean copper company, filed the motion.",
        &["--affiliatedWith--> [Chilean]"],
    );
}

/// A place inside a larger one: "P, the capital of Q", "Q's capital, P", "P, a small town in Q";
/// an abbreviated state closes its pair even inside a list.
#[test]
fn capitals_towns_and_abbreviated_states() {
    for (text, inner, outer) in [
        (
            "The agency said in a report from Yerevan, the capital of Armenia.",
            "Yerevan",
            "Armenia",
        ),
        (
            "Bosnia's capital, Sarajevo, is best known for its old town.",
            "Sarajevo",
            "Bosnia",
        ),
        (
            "Talks moved to Tolna, a small town in Hungary, last week.",
            "Tolna",
            "Hungary",
        ),
        (
            "Lows ranged from 2 degrees at Jackson, Wyo., and Gunnison, Colo., to 9 at Lubbock, Texas.",
            "Gunnison",
            "Colo",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{inner}]Place --locatedIn--> [{outer}")],
        );
    }
    assert_no_fact(
        "Paris, London and Berlin were on the list.",
        &["--locatedIn-->"],
    );
    assert_no_fact("Flights go to Berlin, Paris, Oslo.", &["--locatedIn-->"]);
}

/// "ORG headquarters in (nearby) P" locates the organisation.
#[test]
fn headquarters_in_a_place() {
    for (text, org, place) in [
        (
            "At a briefing at NRC headquarters in nearby Geneva, the plan was shown.",
            "NRC",
            "Geneva",
        ),
        (
            "Staff gathered at Orvane Labs headquarters in Tallinn on Monday.",
            "Orvane Labs",
            "Tallinn",
        ),
        (
            "The Kestrel Mining headquarters in downtown Perth was closed.",
            "Kestrel Mining",
            "Perth",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{org}]"),
                &format!("--locatedIn--> [{place}]Place"),
            ],
        );
    }
}

/// A nationality before the title of a speaker named after a quotation: `"…," Chilean
/// President X said`.
#[test]
fn a_quotation_speaker_after_a_nationality() {
    for (text, who) in [
        (
            "“AI is the revolution of our times,” Chilean President Aurelio Vance said Tuesday.",
            "Aurelio Vance",
        ),
        (
            "“We will not wait,” French Minister Odile Fenwright said on Monday.",
            "Odile Fenwright",
        ),
        (
            "“The chips are ready,” Korean chairman Min-jun Tae said.",
            "Min-jun Tae",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --holdsView-->")]);
    }
}

/// Two full names joined by "and" are two organisations ("Andreessen Horowitz and LightSpeed
/// Ventures"); a single word before "and" still joins one name ("Bill and Melinda Gates
/// Foundation"); what a nationality leaves of a name is no name ("the Croatian President").
#[test]
fn names_side_by_side_and_what_a_nationality_leaves() {
    assert_fact(
        "US investment funds Carrow Capital and Halvard Ventures led the round.",
        &["[Carrow Capital]", "--locatedIn--> [US]"],
    );
    assert_fact(
        "Rivals Kestrel Labs and Orvane Systems Inc. cut prices. Orvane Systems Inc. hired Ada Lind.",
        &["[Orvane Systems Inc.]"],
    );
    let found = entities("The Tessaly and Marten Brenn Foundation gave money to Ada Lind.");
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("Tessaly and Marten Brenn Foundation/")),
        "{found:?}"
    );
    let found = entities("The Croatian President met Ada Lind.");
    assert!(
        !found.iter().any(|e| e.starts_with("President/")),
        "{found:?}"
    );
}

/// A speaker whose role names no organisation speaks for the one organisation the sentence
/// names before the speech verb: "ORG will close plants, said X, a company spokeswoman". Not
/// when the sentence names two, and not for a commentator's role ("an analyst").
#[test]
fn a_spokesperson_speaks_for_the_organisation_of_the_sentence() {
    for (text, who, org) in [
        (
            "Orvane Systems will close two plants next year, said Mara Quint, a company spokeswoman.",
            "Mara Quint",
            "Orvane Systems",
        ),
        (
            "Kestrel Mining expects output to rise, said Ada Lind, the chief financial officer.",
            "Ada Lind",
            "Kestrel Mining",
        ),
        (
            "The Tessaly Port Authority reopened the harbour on Friday, said Odile Fenwright, a senior official.",
            "Odile Fenwright",
            "Tessaly Port Authority",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --affiliatedWith--> [{org}]")]);
    }
    assert_no_fact(
        "Orvane Systems and Tessaly Corp. will merge, said Mara Quint, a spokeswoman.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Orvane Systems shares fell, said Mara Quint, an analyst.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Orvane Systems fired Bob Tessin, said Mara Quint, a union official.",
        &["[Mara Quint]Person --affiliatedWith-->"],
    );
}

/// An acronym in brackets after a name is another name for it, not part of it: "the Liberal
/// Reform Party (LRP)" is labelled without the acronym, and "the LRP" later is the same party.
#[test]
fn an_acronym_in_brackets_is_an_alias() {
    for (text, org) in [
        (
            "The vote ended. Noboru Tanaka of the Liberal Reform Party (LRP) spoke. The LRP was pleased.",
            "Liberal Reform Party",
        ),
        (
            "Omar Haddad, secretary of the outlawed Free Workers Front (FWF), was detained. The FWF denied it.",
            "Free Workers Front",
        ),
        (
            "Ines Corvo, director of the Andean Water Council (AWC), resigned. The AWC thanked her.",
            "Andean Water Council",
        ),
    ] {
        assert_fact(text, &[&format!("--affiliatedWith--> [{org}]Organization")]);
        assert_no_fact(text, &["(", "--affiliatedWith-->"]);
        let found = entities(text);
        let acronym: String = org.split(' ').map(|w| &w[..1]).collect();
        assert!(
            found
                .iter()
                .any(|e| e.starts_with(&format!("{org}/Organization [{acronym}"))),
            "{found:?}"
        );
    }
}

/// A collective noun's possessive stays inside a name when an organisation's head word follows:
/// "the Croatian People's Party", "Children's Hospital"; not in running text.
#[test]
fn a_collective_possessive_inside_a_name() {
    for (text, org) in [
        (
            "Slavko Brenn, secretary of the Croatian People's Party, welcomed the deal.",
            "Croatian People's Party",
        ),
        (
            "Ada Lind, a surgeon at Children's Hospital of Varna, operated.",
            "Children's Hospital of Varna",
        ),
        (
            "Mara Quint, chairwoman of the Farmers' Union of Tessaly, spoke.",
            "Farmers' Union of Tessaly",
        ),
    ] {
        assert_fact(text, &[&format!("--affiliatedWith--> [{org}]")]);
    }
    let found = entities("The People's Choice award went to Ada Lind.");
    assert!(!found.iter().any(|e| e.contains("People's")), "{found:?}");
}

/// Towns are places, not employers ("Ada Lind, 30, of Tempe"), and a name that ends in a city
/// is still a person's ("Sevket Kazan"); only a name that ends in a country is a company's arm
/// there ("Orvane Japan").
#[test]
fn cities_are_places_and_surnames_may_be_cities() {
    assert_no_fact(
        "The crash was reported. Ada Lind, 30, of Tempe, was hurt.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "Rain fell. Rochester teacher Milo Kestin said schools would close.",
        &["--affiliatedWith--> [Rochester]"],
    );
    assert_fact(
        "The vote ended. Halvard Kazan, deputy leader of the Orvane Party, spoke.",
        &["[Halvard Kazan]Person --affiliatedWith--> [Orvane Party]"],
    );
    assert_fact(
        "Orvane Japan hired Ada Lind as its director.",
        &["[Ada Lind]Person --affiliatedWith--> [Orvane Japan]Organization"],
    );
}

/// A relative clause after an appositive role says where the person worked, past a time phrase:
/// "X, a leading AI researcher who earlier this month resigned from ORG".
#[test]
fn a_relative_clause_after_a_role_and_a_time_phrase() {
    for (text, org) in [
        (
            "The lab grew. Jan Brenn, a leading AI researcher who earlier this month resigned from Orvane Labs, joined Kestrel AI.",
            "Orvane Labs",
        ),
        (
            "The lab grew. Ada Lind, who last year left Tessaly Corp., joined Kestrel AI.",
            "Tessaly Corp.",
        ),
        (
            "The lab grew. Milo Kestin, a senior engineer who in 2019 joined Halvard Systems, spoke.",
            "Halvard Systems",
        ),
    ] {
        assert_fact(text, &[&format!("Person --affiliatedWith--> [{org}]")]);
    }
}

/// After a copula the role comes at once, and a unit between role and organisation is hopped
/// through even when long: "X was associate head of research at the machine learning
/// department at ORG".
#[test]
fn a_copula_role_through_a_long_unit() {
    for (text, who, org) in [
        (
            "The lab grew. Before that, Dr Xing was associate head of research at the machine learning department at Halvard University.",
            "Xing",
            "Halvard University",
        ),
        (
            "The lab grew. Ada Lind is a senior engineer at the computing division at Orvane Labs.",
            "Ada Lind",
            "Orvane Labs",
        ),
        (
            "The lab grew. Milo Kestin was head of sales at the shipping unit of Tessaly Corp.",
            "Milo Kestin",
            "Tessaly Corp.",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --affiliatedWith--> [{org}]")]);
    }
}

/// The role of "a researcher who left ORG" is the organisation's too, without praise ("a
/// leading AI researcher" is an AI researcher); a capitalised "unit" that names an occupation
/// is the person's role at the larger organisation ("Department Chair of NLP at Y").
#[test]
fn roles_from_a_relative_clause_and_from_a_capitalised_post() {
    assert_fact(
        "The lab grew. Jan Brenn, a leading AI researcher who earlier this month resigned from Orvane Labs, joined Kestrel AI.",
        &["[Jan Brenn]Person --affiliatedWith--> [Orvane Labs]", "{ai researcher}"],
    );
    for (text, who, org, role) in [
        (
            "Ada Lind, Department Chair of Computational Linguistics at Halvard University, spoke.",
            "Ada Lind",
            "Halvard University",
            "{department chair of computational linguistics}",
        ),
        (
            "Ruth Callendry, Department Chair of Marine Biology at Tessaly College, spoke.",
            "Ruth Callendry",
            "Tessaly College",
            "{department chair of marine biology}",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{who}]Person --affiliatedWith--> [{org}]"), role],
        );
    }
    // FIXME: when the parser reads the post as a name coordinated with the person's ("Omar
    // Haddad, Department Head of Applied Physics at Varna University, agreed": "Department"
    // a conj of "Omar"), the affiliation comes without the role {department head}.
    assert_fact(
        "Omar Haddad, Department Head of Applied Physics at Varna University, agreed.",
        &["[Omar Haddad]Person --affiliatedWith--> [Varna University]"],
    );
    // FIXME: a capitalised post that is no name gives no role; it should be {head of research}.
    assert_fact(
        "Milo Kestin, Head of Research at Orvane Labs, declined to comment.",
        &["[Milo Kestin]Person --affiliatedWith--> [Orvane Labs]Company"],
    );
    assert_no_fact(
        "Milo Kestin, Head of Research at Orvane Labs, declined to comment.",
        &["{head of research}"],
    );
}

/// A chief or a secretary general leads, and so did a former chief executive ("the former CEO of
/// Y" led Y); a chief scientist does not.
#[test]
fn chiefs_and_former_leaders_lead() {
    for (text, who, org) in [
        (
            "The deal closed. Orvane chief Ada Lind said it was fair.",
            "Ada Lind",
            "Orvane",
        ),
        (
            "Halvard Brenn, secretary general of the Tessaly Research Council, spoke.",
            "Halvard Brenn",
            "Tessaly Research Council",
        ),
        (
            "The lab grew. Milo Kestin is the former CEO of Kestrel Mining.",
            "Milo Kestin",
            "Kestrel Mining",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --leads--> [{org}]")]);
    }
    assert_no_fact(
        "The deal closed. Orvane chief scientist Ada Lind said it was fair.",
        &["--leads-->"],
    );
}

/// Who made a model developed it: "ChatGPT maker OpenAI", "X, creator of the Lumo chatbot";
/// and the creator of a work is no employer ("creator of the Lumo chatbot" is no organisation).
#[test]
fn makers_developed_their_models() {
    for (text, agent, model) in [
        (
            "Rivals such as Lumo maker Kestrel Labs cut prices.",
            "Kestrel Labs",
            "Lumo",
        ),
        (
            "Kestrel Labs, creator of the Quilla chatbot, raised money.",
            "Kestrel Labs",
            "Quilla",
        ),
        (
            "Investors backed Orvane Systems, the developer of the Marten model, on Friday.",
            "Orvane Systems",
            "Marten",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{agent}]"),
                &format!("--developed--> [{model}]Model"),
            ],
        );
    }
    assert_no_fact(
        "Ada Lind, the owner of the Marten Bank, was fined.",
        &["--developed-->"],
    );
}

/// A speaker speaks at or during an event, the first event of the phrase: "speaks during a
/// press conference held at the X Summit".
#[test]
fn speaking_during_an_event() {
    for (text, event) in [
        (
            "Ada Lind, CEO of Orvane, speaks during a press conference at the Varna Tech Summit.",
            "press conference",
        ),
        (
            "Milo Kestin spoke during the Tessaly AI Forum in Oslo.",
            "Tessaly AI Forum",
        ),
        (
            "Ruth Callendry speaks at the opening of the Halvard Robotics Expo.",
            "Halvard Robotics Expo",
        ),
    ] {
        assert_fact(text, &[&format!("--spokeAt--> [{event}]")]);
    }
}

/// A release of a version, an edition or an update of a model is the model's release: "launched
/// the 3.5 version of its chatbot M"; the results of a model's tests are not the model.
#[test]
fn a_version_of_a_model_is_released() {
    for (text, agent, model) in [
        (
            "Tessaly launched the 3.5 version of its chatbot Marten 3.5 in November.",
            "Tessaly",
            "Marten 3.5",
        ),
        (
            "Kestrel Labs rolled out an update of Lumo 2 last week.",
            "Kestrel Labs",
            "Lumo 2",
        ),
        (
            "Orvane Systems released a new edition of Quilla, its translation model, on Friday.",
            "Orvane Systems",
            "Quilla",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{agent}]"),
                &format!("--released--> [{model}]Model"),
            ],
        );
    }
    assert_no_fact(
        "Kestrel Labs released the results of Lumo tests.",
        &["--released-->"],
    );
}

/// A quoted name a release verb takes is a product whatever its last word: "unveiled ‘Lumo
/// Intelligence’" (not a company named "… Intelligence").
#[test]
fn a_quoted_name_after_a_release_verb_is_a_model() {
    for (text, agent, model) in [
        (
            "Kestrel Labs unveiled ‘Lumo Intelligence’ on Monday.",
            "Kestrel Labs",
            "Lumo Intelligence",
        ),
        (
            "Orvane Systems launched “Quilla Labs” for schools.",
            "Orvane Systems",
            "Quilla Labs",
        ),
        (
            "Tessaly Corp. released \"Marten Group\" last year.",
            "Tessaly Corp.",
            "Marten Group",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{agent}]"),
                &format!("--released--> [{model}]Model"),
            ],
        );
    }
    // A product named after its maker stays apart from it.
    assert_fact(
        "Orvane on Monday unveiled “Orvane Intelligence,” its suite of new features.",
        &["[Orvane]", "--released--> [Orvane Intelligence]Model"],
    );
}

/// A unit or an arm named after an organisation the article also names is part of it ("LG AI
/// Research", "Aon Hewitt Canada"); two firms that merely share words are not.
#[test]
fn a_unit_named_after_its_parent_is_part_of_it() {
    for (text, unit, parent) in [
        (
            "Orvane Systems hired Milo Kestin. The Orvane Systems Robotics Lab will open in May.",
            "Orvane Systems Robotics Lab",
            "Orvane Systems",
        ),
        (
            "Tessaly Corp. said sales rose. Tessaly Corp. Research Institute published a paper.",
            "Tessaly Corp. Research Institute",
            "Tessaly Corp.",
        ),
        (
            "Halvard Bank expanded. Halvard Bank Canada hired Ada Lind.",
            "Halvard Bank Canada",
            "Halvard Bank",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{unit}]"), &format!("--partOf--> [{parent}]")],
        );
    }
    assert_no_fact(
        "Halvard Capital and Halvard Capital Partners merged.",
        &["--partOf-->"],
    );
}

/// A unit an organisation owns, named after its description, is part of it: "ORG's research arm
/// X", "ORG' chip subsidiary Y"; an owner's officer is no unit.
#[test]
fn a_named_unit_after_its_owner_is_part_of_it() {
    for (text, unit, parent) in [
        (
            "Kestrel Labs opened an office. Kestrel Labs's research arm Quorra Robotics hired Ada Lind.",
            "Quorra Robotics",
            "Kestrel Labs",
        ),
        (
            "Staff moved to Orvane Systems' chip subsidiary Halvard Silicon.",
            "Halvard Silicon",
            "Orvane Systems",
        ),
        (
            "Tessaly Corp. said its AI unit Marten Labs would grow; Tessaly Corp.'s AI unit Marten Labs hired ten.",
            "Marten Labs",
            "Tessaly Corp.",
        ),
    ] {
        assert_fact(text, &[&format!("[{unit}]"), &format!("--partOf--> [{parent}]")]);
    }
    assert_no_fact("Tessaly Corp.'s chief Ada Lind spoke.", &["--partOf-->"]);
}

/// An event set before the clause is where its subject spoke: "At the X Summit, Y said …",
/// "During the X Forum, Y delivered a talk"; not when the clause says nothing spoken.
#[test]
fn an_event_before_the_clause_is_where_its_subject_spoke() {
    for (text, who, event) in [
        (
            "At the 27th anniversary celebration of Orvane, Chairman Milo Kestin laid out the company's vision.",
            "Milo Kestin",
            "27th anniversary celebration",
        ),
        (
            "During the 2024 Tessaly AI Summit, Ada Lind, CEO of Kestrel Labs, delivered a compelling session.",
            "Ada Lind",
            "Tessaly AI Summit",
        ),
        (
            "At the Varna Tech Forum, Ruth Callendry said rules were needed.",
            "Ruth Callendry",
            "Varna Tech Forum",
        ),
    ] {
        assert_fact(text, &[&format!("[{who}]Person --spokeAt--> [{event}]")]);
    }
    assert_no_fact(
        "At the Varna Tech Forum, Ruth Callendry lost her phone.",
        &["--spokeAt-->"],
    );
}

/// A nationality before a plural noun places every organisation the list after it names, past
/// an aside between dashes: "American giants such as OpenAI – creator of ChatGPT – Google and
/// Meta"; not a single name nor a singular noun.
#[test]
fn a_nationality_before_a_list_places_every_member() {
    for (text, org, place) in [
        (
            "Orvane competes with American giants such as Kestrel Labs – maker of Lumo – Halvard Systems and Tessaly Corp.",
            "Tessaly Corp.",
            "United States",
        ),
        (
            "He studied at two elite French universities, Ecole Varennes and Ecole Marlon.",
            "Ecole Marlon",
            "France",
        ),
        (
            "Japanese carmakers Kestrel Motors, Orvane Motors and Halvard Motors cut output.",
            "Halvard Motors",
            "Japan",
        ),
    ] {
        assert_fact(text, &[&format!("[{org}]"), &format!("--locatedIn--> [{place}]Place")]);
    }
    assert_no_fact(
        "A Japanese carmaker, Kestrel Motors and Orvane Motors met.",
        &["[Orvane Motors]", "--locatedIn-->"],
    );
}

/// A team, or an organisation's unit named by a noun after it, in a place: "the Kestrel Brain
/// research team in Tokyo", "Ada Lind's team in Oslo".
#[test]
fn a_team_or_unit_in_a_place() {
    for (text, who, place) in [
        (
            "Ha helped set up the Kestrel Brain research team in Tokyo.",
            "Kestrel Brain",
            "Tokyo",
        ),
        (
            "Ada Lind's team in Oslo built the model.",
            "Ada Lind's team",
            "Oslo",
        ),
        (
            "Staff joined the Orvane Systems robotics lab in Lisbon last year.",
            "Orvane Systems",
            "Lisbon",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{who}]"),
                &format!("--locatedIn--> [{place}]Place"),
            ],
        );
    }
}

/// A role's organisation named in apposition to a common noun for it: "chairman of the largest
/// opposition party, the Free Farmers Union".
#[test]
fn role_of_an_organisation_named_in_apposition() {
    assert_fact(
        "Tomas Arvid, chairman of the largest opposition party, the Northern Liberal Union, spoke on Monday.",
        &["[Tomas Arvid]Person --affiliatedWith--> [Northern Liberal Union]", "{chairman}"],
    );
    assert_fact(
        "Lio Brand, the chief scientist of the company, Nexa Labs, said the tests passed.",
        &["[Lio Brand]Person --affiliatedWith--> [Nexa Labs]"],
    );
    assert_fact(
        "Ravi Sen, a designer at the robotics startup, Orbit Dynamics, said the arm moves.",
        &[
            "[Ravi Sen]Person --affiliatedWith--> [Orbit Dynamics]",
            "{designer}",
        ],
    );
    // A comma after a name, not after a noun for an organisation, ends the search.
    assert_no_fact(
        "Pia Holm, a designer in Oslo, met staff from Orbit Dynamics.",
        &["[Pia Holm]Person --affiliatedWith--> [Orbit Dynamics]"],
    );
}

/// Party membership nouns are roles: candidate, lawmaker, activist.
#[test]
fn party_membership_roles() {
    assert_fact(
        "Mara Velden, candidate of the Civic Renewal Party, said the vote was fair.",
        &[
            "[Mara Velden]Person --affiliatedWith--> [Civic Renewal Party]",
            "{candidate}",
        ],
    );
    assert_fact(
        "Ana Ruiz, a lawmaker from the Green Party, voted against the bill.",
        &[
            "[Ana Ruiz]Person --affiliatedWith--> [Green Party]",
            "{lawmaker}",
        ],
    );
    assert_fact(
        "Kofi Mensah, an activist in the Ghana Workers Union, was arrested.",
        &[
            "[Kofi Mensah]Person --affiliatedWith--> [Ghana Workers Union]",
            "{activist}",
        ],
    );
}

/// "chief of waste disposal for the NRC": a field between the role and whom it serves; the
/// field belongs to the role, and a chief of a field does not lead the organisation.
#[test]
fn role_with_a_field_for_an_organisation() {
    assert_fact(
        "Ama Boateng, head of data science for the Lumio Group, said it works.",
        &[
            "[Ama Boateng]Person --affiliatedWith--> [Lumio Group]",
            "{head of data science}",
        ],
    );
    assert_fact(
        "Ken Ito, director of public affairs for Harlan Motors, spoke to reporters.",
        &["[Ken Ito]Person --affiliatedWith--> [Harlan Motors]"],
    );
    assert_fact(
        "Ruth Obi, chief of waste disposal for the Dunmore Port Authority, said the shafts were deep.",
        &["[Ruth Obi]Person --affiliatedWith--> [Dunmore Port Authority]", "{chief of waste disposal}"],
    );
    assert_no_fact(
        "Ruth Obi, chief of waste disposal for the Dunmore Port Authority, said the shafts were deep.",
        &["[Ruth Obi]Person --leads--> [Dunmore Port Authority]"],
    );
}

/// "the NRC": an all-capital word after "the" that no list knows names an organisation.
#[test]
fn acronym_after_the_is_an_organisation() {
    for text in [
        "Robert Lane, chief of research for the NRC, said the shafts were deep.",
        "Mina Cho, a researcher at the KIST, said the chip was ready.",
        "Sara Lind works for the DEM in the north.",
    ] {
        let found = entities(text);
        assert!(
            found.iter().any(
                |e| ["NRC/", "KIST/", "DEM/"].iter().any(|a| e.starts_with(a))
                    && e.contains("/Organization")
            ),
            "{text}: {found:?}"
        );
    }
    // Not a word the lexicon knows ("the CEO").
    assert!(!entities("The CEO said the plan works.")
        .iter()
        .any(|e| e.starts_with("CEO")));
}

/// Organisation names with a purpose after "for" or "of": capitalised common words, "and" and
/// "the" inside it; a second "of" before a place says where the organisation is.
#[test]
fn organisation_names_with_a_purpose() {
    assert_fact(
        "Ruth Callan, a fellow at the Brightwater Institute for Near East Policy, said so.",
        &["[Ruth Callan]Person --affiliatedWith--> [Brightwater Institute for Near East Policy]"],
    );
    assert_fact(
        "On Friday, Omar Reyes of the Center for Security and Emerging Robotics spoke.",
        &["[Omar Reyes]Person --affiliatedWith--> [Center for Security and Emerging Robotics]"],
    );
    assert_fact(
        "Ines Boyd, president of the Halden Foundation for the Advancement of Teaching, spoke.",
        &["[Ines Boyd]Person --affiliatedWith--> [Halden Foundation for the Advancement of Teaching]"],
    );
    assert_fact(
        "Noor Tal, who headed the Centers for Crop Disease in Denver, retired.",
        &["[Noor Tal]Person --affiliatedWith--> [Centers for Crop Disease]"],
    );
    assert_fact(
        "In May, Tim Ray of the Institute of Marine Botany of Kunming found that reefs lack variety.",
        &["[Institute of Marine Botany]", "--locatedIn--> [Kunming]"],
    );
    // A name of its own stays whole: "University of California".
    assert!(
        entities("Ada Park of the University of California said the model was fast.")
            .iter()
            .any(|e| e.starts_with("University of California/"))
    );
}

/// An occupation written before a name is a title, not part of the name: "Actor X",
/// "Highway Patrol Officer X", "Fleet Commander X".
#[test]
fn occupation_titles_before_names() {
    for (text, name) in [
        (
            "Actor Tomas Velde will teach drama for two weeks at Harlow University.",
            "Tomas Velde/Person",
        ),
        (
            "The roads stayed open, said Dunmore Highway Patrol Officer Ines Carrow.",
            "Ines Carrow/Person",
        ),
        (
            "Ambassador Reyes will meet North Fleet Commander Pavel Orlin on Monday.",
            "Pavel Orlin/Person",
        ),
        (
            "Linguist Mara Quist of Brantley College said speech evolved late.",
            "Mara Quist/Person",
        ),
    ] {
        let found = entities(text);
        assert!(
            found.iter().any(|e| e.starts_with(name)),
            "{text}: {found:?}"
        );
    }
    assert_fact(
        "The roads stayed open, said Dunmore Highway Patrol Officer Ines Carrow.",
        &[
            "[Ines Carrow]Person --affiliatedWith--> [Dunmore Highway Patrol]",
            "{officer}",
        ],
    );
}

/// "and" inside an organisation's name joins its purposes, not a person after it.
#[test]
fn a_person_after_an_organisation_and() {
    let found = entities("Fang Liqun of the Institute of Applied Botany and Wang Hemin spoke.");
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("Institute of Applied Botany/")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|e| e.starts_with("Wang Hemin/Person")),
        "{found:?}"
    );
}

/// An unfamiliar place a preposition takes, standing in a known one: "from Kassala in eastern
/// Sudan", "to Lowman in central Idaho"; "the mayor of X" heads a place.
#[test]
fn places_in_known_places() {
    assert_fact(
        "The aircraft flew to Khartoum from Tessaly in eastern Sudan near the border.",
        &["[Tessaly]Place --locatedIn--> [Sudan]Place"],
    );
    assert_fact(
        "The fire spread to Orrin Falls in central Idaho on Monday.",
        &["--locatedIn--> [Idaho]Place"],
    );
    assert_fact(
        "She studied in Kyoto in Japan for a year.",
        &["[Kyoto]Place --locatedIn--> [Japan]Place"],
    );
    assert_fact(
        "He was the mayor of Bourdane, south-east Algeria, until 1994.",
        &["[Bourdane]Place --locatedIn--> [Algeria]Place"],
    );
    // A mayor's town is no employer.
    assert_no_fact(
        "Tina Ross, the mayor of Kervale, said the dam held.",
        &["[Tina Ross]Person --affiliatedWith--> [Kervale]"],
    );
}

/// Abbreviated titles (Sen., Lt., Col., Gov.) stand before a name, not in it.
#[test]
fn abbreviated_titles_before_names() {
    for (text, name) in [
        (
            "On Monday, Sen. Dara Velloway, chairman of the Rules Committee, said it was late.",
            "Dara Velloway/Person",
        ),
        (
            "Later, Lt. Jim Borrow of the Halden Fire Department said the fire was out.",
            "Jim Borrow/Person",
        ),
        (
            "In May, Col. Ines Marrick of the Strategic Planning Office spoke to reporters.",
            "Ines Marrick/Person",
        ),
        (
            "They met U.S. Ambassador Velo Andrin in Rome.",
            "Velo Andrin/Person",
        ),
        (
            "Deputy Prime Minister Asha Kerrow resigned on Monday.",
            "Asha Kerrow/Person",
        ),
    ] {
        let found = entities(text);
        assert!(
            found.iter().any(|e| e.starts_with(name)),
            "{text}: {found:?}"
        );
    }
    assert_fact(
        "Later, Lt. Jim Borrow of the Halden Fire Department said the fire was out.",
        &["[Jim Borrow]Person --affiliatedWith--> [Halden Fire Department]"],
    );
}

/// "the agency", "the institute": an organisation's head word stands for the organisation
/// named with it before, ahead of the word's own sense ("agency" alone is a news agency).
#[test]
fn a_head_word_refers_to_the_organisation_named_with_it() {
    assert_fact(
        "The Federal Water Agency met on Monday. Nina Osei, a lawyer at the agency, said the wells were fine.",
        &["[Nina Osei]Person --affiliatedWith--> [Federal Water Agency]"],
    );
    assert_fact(
        "Halden Institute opened a lab. Pia Lund, a researcher at the institute, said it was ready.",
        &["[Pia Lund]Person --affiliatedWith--> [Halden Institute]", "{researcher}"],
    );
    assert_fact(
        "DENVER (AP) -- The Corran Mining Commission is working on a report, said Ivo Brandt, a spokesman for the commission.",
        &["[Ivo Brandt]Person --affiliatedWith--> [Corran Mining Commission]"],
    );
    assert_no_fact(
        "DENVER (AP) -- The Corran Mining Commission is working on a report, said Ivo Brandt, a spokesman for the commission.",
        &["[Ivo Brandt]Person --affiliatedWith--> [AP]"],
    );
}

/// "at least" / "at most" after a speech verb quantify the claim's first noun phrase: the
/// claim is reported speech and its topic starts at the number.
#[test]
fn at_least_opens_a_claim_not_a_phrase() {
    assert_fact(
        "Maren Oduya said at least two regional hospitals are testing the model.",
        &[
            "[Maren Oduya]Person --holdsView--> [two regional hospitals]Topic",
            "{at least two regional hospitals are testing the model}",
        ],
    );
    assert_fact(
        "According to Tomas Ekwueme, at most five engineers worked on the release.",
        &["[Tomas Ekwueme]Person --holdsView--> [five engineers]Topic"],
    );
    assert_fact(
        "Priya Valdane said at least one university has dropped the tool.",
        &["[Priya Valdane]Person --holdsView--> [one university]Topic"],
    );
    // "at" before anything else still opens a phrase before the that-clause.
    assert_fact(
        "Jonas Arbel said at the summit that the chips are scarce.",
        &[
            "[Jonas Arbel]Person --holdsView--> [chips]Topic",
            "{the chips are scarce}",
        ],
    );
}

/// A descriptor noun gives a name its class across a naming verb: "a coding model called X",
/// "a start-up named X", "a chatbot known as X"; "a man named X" stays a person.
#[test]
fn descriptor_across_a_naming_verb() {
    let has = |text: &str, want: &str| {
        let found = entities(text);
        assert!(
            found.iter().any(|e| e.starts_with(want)),
            "{want} not in {found:?} for {text:?}"
        );
    };
    has(
        "Tessaran AI showed several tools, including a coding model called Tessaran Coder.",
        "Tessaran Coder/Model",
    );
    has(
        "Last year she joined a start-up named Orvel Robotics as its chief scientist.",
        "Orvel Robotics/Company",
    );
    has("The team built a chatbot known as Quillo.", "Quillo/Model");
    has(
        "He met a man named Dario Fenz at the conference.",
        "Dario Fenz/Person",
    );
    // After a definite phrase the verb appoints: the appointee stays a person.
    has(
        "Orvel Robotics said that the company named Tamsin Okafor-Reyes as its new chief executive.",
        "Tamsin Okafor-Reyes/Person",
    );
    has(
        "Last year the start-up named Kel Varrow as chief executive, the company said.",
        "Kel Varrow/Person",
    );
}

/// "CLAIM, X said as she …": a clause of circumstance after the verb still closes an
/// attribution whose claim came first; with a that-clause after it, the claim is that clause.
#[test]
fn attribution_closed_by_a_clause_of_circumstance() {
    assert_fact(
        "The update will help, Dana Orlov said as she opened the conference.",
        &[
            "[Dana Orlov]Person --holdsView--> [update]Topic",
            "{The update will help}",
        ],
    );
    assert_fact(
        "Prices will fall next year, chief executive Amir Sollen said while visiting Oslo.",
        &["[Amir Sollen]Person --holdsView--> [Prices]Topic"],
    );
    assert_fact(
        "The chips are scarce, Lena Vogt said when asked about supply.",
        &["[Lena Vogt]Person --holdsView--> [chips]Topic"],
    );
    let text = "In Paris, Dana Orlov said as she opened the conference that prices will fall.";
    assert_fact(text, &["[Dana Orlov]Person --holdsView--> [prices]Topic"]);
    assert_no_fact(text, &["{In Paris}"]);
}

/// A reporter's or a teacher's organisation may hang from the verb's object: "covers the White
/// House for X", "will teach acting at X", "reports the news for X".
#[test]
fn works_for_through_the_object() {
    assert_fact(
        "Dario Fenz will teach acting at Halbeck University.",
        &["[Dario Fenz]Person --affiliatedWith--> [Halbeck University]"],
    );
    assert_fact(
        "Mira Kessel covers the White House for The Daily Courant.",
        &["[Mira Kessel]Person --affiliatedWith--> [Daily Courant]"],
    );
    assert_fact(
        "Ola Brandt reports the news for Tavor Radio.",
        &["[Ola Brandt]Person --affiliatedWith--> [Tavor Radio]"],
    );
    assert_no_fact(
        "Lena Vogt covered the trial in Oslo.",
        &["--affiliatedWith-->"],
    );
}

/// A one-word unknown name that releases a model is its maker, an organisation; a person's
/// own work ("her first app") and a statement stay a person's.
#[test]
fn a_lone_name_that_releases_a_model_is_a_firm() {
    let has = |text: &str, want: &str| {
        let found = entities(text);
        assert!(
            found.iter().any(|e| e.starts_with(want)),
            "{want} not in {found:?} for {text:?}"
        );
    };
    has(
        "Orvane released a small chat model on Friday.",
        "Orvane/Company",
    );
    has("Quillon launched two new models in May.", "Quillon/Company");
    has("Dana released her first app.", "Dana/Person");
    has("Smith released a statement on Friday.", "Smith/Person");
}

/// A relative clause on the subject's appositive is about the subject, and a long name the
/// parser splits still carries its fact.
#[test]
fn relative_clause_after_an_appositive_and_split_names() {
    assert_fact(
        "Mara Lindqvist, a veteran chemist, who was appointed director of Osterby Institute in 2019, retired on Friday.",
        &["[Mara Lindqvist]Person --affiliatedWith--> [Osterby Institute]", "{director}"],
    );
    assert_fact(
        "Ines Falk, a noted economist, who was elected chair of the Varrow Institute in May, said rates would fall.",
        &["[Ines Falk]Person --affiliatedWith--> [Varrow Institute]", "{chair}"],
    );
    assert_fact(
        "Dr Ana Voss, who was named director of the Halvorsen Centre for Applied Ocean Science last year, spoke.",
        &[
            "[Ana Voss]Person --affiliatedWith--> [Halvorsen Centre for Applied Ocean Science]",
            "{director}",
        ],
    );
}

/// A claim that opens with a light noun ("demand for X", "concerns about X") is about X.
#[test]
fn light_nouns_give_the_topic_to_their_complement() {
    for (text, topic) in [
        (
            "Ravi Mell said that interest in quantum sensing is rising.",
            "quantum sensing",
        ),
        (
            "Ona Brisk said concerns about facial recognition were growing.",
            "facial recognition",
        ),
        (
            "Analysts at Pellam Research said spending on humanoid robots will double next year.",
            "humanoid robots",
        ),
    ] {
        assert_fact(text, &["--holdsView-->", &format!("[{topic}]")]);
    }
    // Without a complement the light noun stays the topic.
    assert_fact(
        "Ravi Mell said that demand was weak.",
        &["--holdsView--> [demand]"],
    );
}

/// Whether the default pipeline gave any word of `text` a head (the parser's second look read
/// it).
fn parsed(text: &str) -> bool {
    let a = crate::common::pipeline().run(&kgx::Document::new("t", text));
    a.tokens
        .iter()
        .any(|t| t.head != kgx::stages::token::NO_HEAD)
}

#[test]
fn the_second_look_skips_pairs_no_pattern_could_join() {
    // A name in parentheses and one outside (a byline), "it" standing for no one, a model
    // named only in lower case: nothing a dependency pattern reads.
    for text in [
        "Oslo, May 2 (Staff Reporter Ana Duarte) -- Researchers at Norrin University said costs fell.",
        "Kestrel Labs said in March that it is not difficult for smaller firms to catch up.",
        "Halden Robotics said on Monday that it may launch a cheaper version in May.",
    ] {
        assert!(!parsed(text), "parsed: {text}");
    }
    // A construction only the parse reads still gets it.
    assert!(parsed(
        "Ana Duarte, who last year left Kestrel Labs, joined Norrin University as its provost."
    ));
}

#[test]
fn a_titled_name_the_parser_hangs_from_its_title_is_still_hired() {
    // The parser makes the title the verb's object and the name its dependent.
    for (text, org) in [
        (
            "Microsoft has hired Kestrel co-founder Lena Marsh as head of its consumer AI division.",
            "Microsoft",
        ),
        (
            "Orvel Labs hired former Kestrel engineer Lena Marsh as chief scientist.",
            "Orvel Labs",
        ),
        (
            "Tarrow Bank appointed Halden economist Lena Marsh as its chief strategist.",
            "Tarrow Bank",
        ),
    ] {
        assert_fact(text, &[&format!("[Lena Marsh]Person --affiliatedWith--> [{org}]")]);
    }
    // A title coordinated with another role describes the person; it is no argument of a verb.
    assert_fact(
        "Vantal's technical manager, engineer Jose Ortal, said the rivers were dirty.",
        &["[Jose Ortal]Person --affiliatedWith--> [Vantal]"],
    );
}

/// Coordinated people each with their own "of" organisation do not share the other's.
#[test]
fn coordinated_people_keep_their_own_organisations() {
    let text = "It rained. Also considered are Judge Rolf Amsel of the Tarnby Court of Appeals and Judge Kenneth Bray of the Halden Court of Appeals, the source said.";
    assert_fact(
        text,
        &["[Rolf Amsel]Person --affiliatedWith--> [Tarnby Court of Appeals]"],
    );
    assert_fact(
        text,
        &["[Kenneth Bray]Person --affiliatedWith--> [Halden Court of Appeals]"],
    );
    assert_no_fact(
        text,
        &["[Rolf Amsel]Person --affiliatedWith--> [Halden Court of Appeals]"],
    );
    assert_no_fact(
        text,
        &["[Kenneth Bray]Person --affiliatedWith--> [Tarnby Court of Appeals]"],
    );
}
