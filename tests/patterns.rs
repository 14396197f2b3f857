//! Extraction patterns, each checked on sentences written for these tests (names invented).

use crate::common::{assert_fact, assert_no_fact};

#[test]
fn affiliation_appositive_role_of_org() {
    assert_fact(
        "Tarek Obeid, professor of Halden University, spoke on Monday.",
        &[
            "[Tarek Obeid]Person --affiliatedWith--> [Halden University]",
            "{professor}",
        ],
    );
    assert_fact(
        "Nadia Ferreira, chairman and chief research officer of Vantal Group, said sales grew.",
        &[
            "[Nadia Ferreira]Person --affiliatedWith--> [Vantal Group]",
            "{chairman and chief research officer}",
        ],
    );
    assert_fact(
        "Ren Yuting, a professor at Corvane University and a researcher at the Solen Institute of Robotics, said little.",
        &["[Ren Yuting]Person --affiliatedWith--> [Solen Institute of Robotics]", "{researcher}"],
    );
}

#[test]
fn affiliation_title_before_name() {
    assert_fact(
        "Acme Robotics CEO Dana Whitcombe said the robots were ready.",
        &[
            "[Dana Whitcombe]Person --affiliatedWith--> [Acme Robotics]",
            "{ceo}",
        ],
    );
    assert_fact(
        "Yesterday Brindle Labs chief scientist Omar Haddad resigned.",
        &["[Omar Haddad]Person --affiliatedWith--> [Brindle Labs]"],
    );
    assert_fact(
        "Professor Ines Valdes of Marlow University welcomed the plan.",
        &[
            "[Ines Valdes]Person --affiliatedWith--> [Marlow University]",
            "{professor}",
        ],
    );
}

#[test]
fn an_unfamiliar_name_before_a_capitalised_title_is_where_the_title_is_held() {
    for (text, person, org, role) in [
        (
            "Black Harbor Fleet Commander Tomas Rell will meet the delegation.",
            "Tomas Rell",
            "Harbor Fleet",
            "commander",
        ),
        (
            "Corvane Radiology Director Petra Lind reported the results by fax.",
            "Petra Lind",
            "Corvane Radiology",
            "director",
        ),
        (
            "Strata County Superior Court Judge K.L. Marsh refused the request.",
            "K.L. Marsh",
            "Strata County Superior Court",
            "judge",
        ),
        (
            "The report by NOVA-PRESS diplomatic correspondent Ilya Brask was long.",
            "Ilya Brask",
            "NOVA-PRESS",
            "diplomatic correspondent",
        ),
        (
            "Orvel Party (OP) candidate Lena Marsh gained ground.",
            "Lena Marsh",
            "Orvel Party",
            "candidate",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{person}]Person --affiliatedWith--> [{org}]"),
                &format!("{{{role}}}"),
            ],
        );
    }
    // An honorific holds no post, and "Dean" may be a given name.
    assert_no_fact(
        "Datuk Sri Dr. Mahathir Rahman spoke on Monday.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn a_role_of_an_organisation_then_the_person_who_holds_it() {
    for (text, person, org) in [
        (
            "Former commander of the Veltrix Navy Ivan Kasdal knew the admiral.",
            "Ivan Kasdal",
            "Veltrix Navy",
        ),
        (
            "The head of Harlow Transplant Service, Dr. Lena Marsh, said the operation went well.",
            "Lena Marsh",
            "Harlow Transplant Service",
        ),
        (
            "A spokesman for the Talvik Group, Jon Berg, declined to comment.",
            "Jon Berg",
            "Talvik Group",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{person}]Person --affiliatedWith--> [{org}]")],
        );
    }
    // A name after a comma that starts a clause of its own holds no role.
    assert_no_fact(
        "He was named chairman of Orvel Labs, Tom Smith said.",
        &["[Tom Smith]Person --affiliatedWith-->"],
    );
}

#[test]
fn a_party_and_state_or_an_age_before_an_appositive_role() {
    for (text, person, org) in [
        (
            "Sen. Lena Marsh, D-Calif., chairman of the Senate Harbor Committee, said the bill would pass.",
            "Lena Marsh",
            "Senate Harbor Committee",
        ),
        (
            "Rep. Tomas Rell, R-S.C., a member of the House Farm Committee, objected.",
            "Tomas Rell",
            "House Farm Committee",
        ),
        (
            "Ana Ruiz, 54, president of Kestrel Labs, resigned.",
            "Ana Ruiz",
            "Kestrel Labs",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{person}]Person --affiliatedWith--> [{org}]")],
        );
        // The party and state is no one.
        assert_no_fact(text, &["[D-"]);
        assert_no_fact(text, &["[R-"]);
    }
}

#[test]
fn affiliation_possessive_and_later_sentence() {
    assert_fact(
        "Kofi Mensah, Tallis Software's chief executive, said prices would fall.",
        &["[Kofi Mensah]Person --affiliatedWith--> [Tallis Software]"],
    );
    assert_fact("Before that, Lin Peiyu joined Orvane Technologies as a senior engineer at its Shanghai office.", &["[Lin Peiyu]Person --affiliatedWith--> [Orvane Technologies]"]);
    assert_fact(
        "Greta Holm, the 41-year-old founder of Swedish AI startup Nordvik Labs, spoke first.",
        &[
            "[Greta Holm]Person --affiliatedWith--> [Nordvik Labs]",
            "{founder}",
        ],
    );
}

#[test]
fn release_active_passive_and_nominal() {
    assert_fact(
        "Harlow University released Quillon, a large language model, on Monday.",
        &["[Harlow University]University --released--> [Quillon]Model"],
    );
    assert_fact(
        "Brisa, a chatbot for lawyers, was released on Friday by Pellam Systems.",
        &["[Pellam Systems]", "--released--> [Brisa]Model"],
    );
    assert_fact(
        "Last week Pellam Systems quietly launched the coding assistant Tern-2.",
        &["[Pellam Systems]", "--released--> [Tern-2]Model"],
    );
}

#[test]
fn release_is_cancelled_by_negation_and_modality() {
    assert_no_fact(
        "Pellam Systems did not release Brisa, its new chatbot.",
        &["--released-->"],
    );
    assert_no_fact(
        "Pellam Systems may launch Brisa next year.",
        &["--released-->"],
    );
    assert_no_fact(
        "Pellam Systems plans to release Brisa in June.",
        &["--released-->"],
    );
}

#[test]
fn quotes_are_attributed() {
    assert_fact(
        "\"Open weights are the future,\" said Ana Prieto.",
        &[
            "[Ana Prieto]Person --holdsView-->",
            "Open weights are the future",
        ],
    );
    assert_fact(
        "Ana Prieto, a professor at Halden University, spoke. \"Small models will win the market soon,\" she said.",
        &["[Ana Prieto]Person --holdsView-->", "Small models will win"],
    );
    assert_fact(
        "Tomas Brandt said: \"Nobody expected the costs to fall this quickly.\"",
        &[
            "[Tomas Brandt]Person --holdsView-->",
            "Nobody expected the costs",
        ],
    );
}

#[test]
fn the_speaker_is_the_person_before_of_whatever_the_town_is_taken_for() {
    // An unfamiliar town after "of" or "from" may be read as a person's name; the speaker is
    // still the person it follows.
    for (text, speaker) in [
        (
            "Lena Marsh of Dunmore said the storm was the worst in years.",
            "Lena Marsh",
        ),
        (
            "Piet Arends from Velloor said the bridge would reopen on Friday.",
            "Piet Arends",
        ),
        (
            "Officer Dale Brun of Westbury said the road was closed.",
            "Dale Brun",
        ),
    ] {
        assert_fact(text, &[&format!("[{speaker}]Person --holdsView-->")]);
        for town in ["Dunmore", "Velloor", "Westbury"] {
            assert_no_fact(text, &[&format!("[{town}]"), "--holdsView-->"]);
        }
    }
}

#[test]
fn reported_speech_is_attributed() {
    assert_fact(
        "Wen Tao said that small models will win.",
        &["[Wen Tao]Person --holdsView-->", "{small models will win}"],
    );
    assert_fact(
        "Orvane Technologies warned that chip prices would rise again.",
        &[
            "[Orvane Technologies]",
            "--holdsView-->",
            "chip prices would rise again",
        ],
    );
    assert_fact(
        "According to Marta Lindqvist, the market for robots will double by 2030.",
        &[
            "[Marta Lindqvist]Person --holdsView-->",
            "market for robots will double",
        ],
    );
}

#[test]
fn end_attributions_and_views() {
    assert_fact(
        "Pellam Systems unveiled a chip on Monday. The new chip is twice as fast as the old one, the company says.",
        &["[Pellam Systems]Company --holdsView-->", "twice as fast"],
    );
    assert_fact(
        "In Kemal Aydin's view, open models are safer than closed ones.",
        &[
            "[Kemal Aydin]Person --holdsView-->",
            "open models are safer",
        ],
    );
    assert_fact(
        "Priya Raman, an analyst at Fenwick Capital, believes demand will stay strong.",
        &[
            "[Priya Raman]Person --holdsView-->",
            "demand will stay strong",
        ],
    );
}

#[test]
fn aliases_and_pronouns_resolve() {
    let text = "Qiao Wenli, a professor at Halden University, presented the model. Qiao said the results were strong. He added that more data would help.";
    assert_fact(
        text,
        &["[Qiao Wenli]Person --holdsView-->", "results were strong"],
    );
    assert_fact(
        text,
        &["[Qiao Wenli]Person --holdsView-->", "more data would help"],
    );
    assert_no_fact(text, &["[Qiao]"]);
}

#[test]
fn teams_lead_and_release() {
    let text =
        "A team led by Professor Sven Arnesen released Fjord, an open model for translation.";
    assert_fact(
        text,
        &["[Sven Arnesen]Person --leads--> [team led by Professor Sven Arnesen]Team"],
    );
    assert_fact(
        text,
        &["[team led by Professor Sven Arnesen]Team --released--> [Fjord]Model"],
    );
    assert_fact(
        "Not long ago, Lu Minghao's team released the chatbot Kestrel.",
        &["[Lu Minghao's team]Team --released--> [Kestrel]Model"],
    );
}

#[test]
fn structure_part_of_located_in_spoke_at() {
    assert_fact(
        "The Vision Laboratory of Harlow University hired ten people.",
        &["[Vision Laboratory of Harlow University]Lab --partOf--> [Harlow University]University"],
    );
    assert_fact(
        "Tallow Systems, based in Lisbon, hired ten people.",
        &["[Tallow Systems]", "--locatedIn--> [Lisbon]Place"],
    );
    assert_fact(
        "Wen Tao said at the Harlow AI Summit that data matters most.",
        &["[Wen Tao]Person --spokeAt--> [Harlow AI Summit]Event"],
    );
}

#[test]
fn coordinated_roles_tickers_and_descriptors() {
    assert_fact(
        "Ilse Brandt, the founder and CEO of Dutch firm Veldt Robotics, stepped down.",
        &[
            "[Ilse Brandt]Person --affiliatedWith--> [Veldt Robotics]",
            "{founder and ceo}",
        ],
    );
    assert_fact(
        "Last year, Kestrel ( KSTL ) CEO Amos Reid spoke at a summit.",
        &["[Amos Reid]Person --affiliatedWith--> [Kestrel]", "{ceo}"],
    );
    assert_no_fact("Shares of Amazon-backed Tallis rose.", &["[Amazon-backed"]);
}

#[test]
fn a_unit_with_no_role_points_to_its_organisation() {
    assert_fact(
        "\"Data is the bottleneck,\" said Ruth Amsel, School of Robotics at Corvane University.",
        &["[Ruth Amsel]Person --affiliatedWith--> [Corvane University]"],
    );
    assert_fact(
        "Yusuf Demir (Tallis Capital) disagreed with the panel.",
        &["[Yusuf Demir]Person --affiliatedWith--> [Tallis Capital]"],
    );
    assert_fact(
        "Bae Min-jun, previously the head of the AI division at Samsung, joined the ministry.",
        &[
            "[Bae Min-jun]Person --affiliatedWith--> [Samsung]",
            "{head}",
        ],
    );
}

#[test]
fn views_stated_with_an_object() {
    assert_fact(
        "Orla Byrne, chair of the board at Tallis Capital, expressed confidence in the new leadership team.",
        &["[Orla Byrne]Person --holdsView-->", "confidence in the new leadership team"],
    );
    assert_fact(
        "Kemal Aydin dismissed the report as a marketing exercise.",
        &[
            "[Kemal Aydin]Person --holdsView-->",
            "report as a marketing exercise",
        ],
    );
    assert_fact(
        "Priya Raman underscored the importance of open evaluation.",
        &[
            "[Priya Raman]Person --holdsView-->",
            "importance of open evaluation",
        ],
    );
}

#[test]
fn quotations_of_several_sentences_give_each_claim() {
    let text = "\"Our chips are ready for the market now. The software stack still needs another year of work,\" said Ida Lund.";
    assert_fact(
        text,
        &[
            "[Ida Lund]Person --holdsView-->",
            "{Our chips are ready for the market now. The software",
        ],
    );
    assert_fact(
        text,
        &[
            "[Ida Lund]Person --holdsView-->",
            "{The software stack still needs another year of work}",
        ],
    );
    assert_fact(
        "\"Prices will fall,\" Corvane Systems VP Mara Quint told reporters.",
        &["[Mara Quint]Person --holdsView-->", "{Prices will fall}"],
    );
}

#[test]
fn releases_by_relative_clauses_coordination_and_agentless_passives() {
    assert_fact(
        "Dr. Ola Nwosu heads the university's Vision Group, which last year released Perch, a model for birdsong.",
        &["[Vision Group]", "--released--> [Perch]Model"],
    );
    assert_fact(
        "Halden University and Tallis Robotics jointly released Gripper-3 on Monday.",
        &["[Halden University]University --released--> [Gripper-3]Model"],
    );
    assert_fact(
        "Tallis Robotics says its new arm is faster than Gripper-2, which was released last spring.",
        &["[Tallis Robotics]Company --released--> [Gripper-2]Model"],
    );
}

#[test]
fn an_owner_developed_its_model() {
    assert_fact(
        "Users compared Pellam Systems' chatbot Brisa with other assistants.",
        &["[Pellam Systems]Company --developed--> [Brisa]Model"],
    );
    assert_no_fact(
        "Users compared Pellam Systems' Brisa with other assistants.",
        &["--partOf-->"],
    );
    assert_fact(
        "Orvane Technologies will soon launch its foundation model Quartz.",
        &["[Orvane Technologies]Company --developed--> [Quartz]Model"],
    );
    assert_no_fact(
        "Orvane Technologies will soon launch its foundation model Quartz.",
        &["--released-->"],
    );
}

#[test]
fn month_names_can_be_given_names() {
    assert_fact(
        "Jan Kowalski, a professor at Halden University, retired.",
        &["[Jan Kowalski]Person --affiliatedWith--> [Halden University]"],
    );
    assert_fact(
        "April Mendes joined Orvane Technologies in May.",
        &["[April Mendes]Person --affiliatedWith--> [Orvane Technologies]"],
    );
    assert_no_fact("On Jan. 20 Orvane Technologies hired Li Wei.", &["[Jan"]);
}

#[test]
fn nested_quotes_descriptive_anaphors_and_bare_clauses() {
    assert_fact(
        "'Calling it a 'moving target' misses the point entirely,' said Ana Prieto.",
        &[
            "[Ana Prieto]Person --holdsView-->",
            "misses the point entirely",
        ],
    );
    assert_fact(
        "Orvane Technologies grew fast. Last week the Chinese internet giant announced it would buy a chip designer.",
        &["[Orvane Technologies]Company --holdsView-->", "{it would buy a chip designer}"],
    );
    assert_fact(
        "Sven Arnesen proposed a new benchmark for robot hands.",
        &[
            "[Sven Arnesen]Person --holdsView-->",
            "new benchmark for robot hands",
        ],
    );
}

#[test]
fn roles_in_appositives_make_people() {
    assert_fact(
        "\"Audits are rare,\" said Tomas Kurek, a research scientist at Marlow University. Kurek added that labs should publish more.",
        &["[Tomas Kurek]Person --holdsView-->", "labs should publish more"],
    );
    assert_fact(
        "Ewa Nowak, a senior data engineer at Pellam Systems, left.",
        &["[Ewa Nowak]Person --affiliatedWith--> [Pellam Systems]"],
    );
    assert_fact(
        "Analysts at Corbel Research estimated that prices would fall.",
        &["[Corbel Research]", "--holdsView-->", "prices would fall"],
    );
}

#[test]
fn model_nouns_after_names_and_verbs_are_not_descriptors() {
    assert_fact(
        "Harlow lab open-sources Quillon model",
        &["--released--> [Quillon]Model"],
    );
    assert_no_fact("Lisbon lab open-sources Quillon model", &["--locatedIn-->"]);
    assert_fact(
        "Pellam Systems released the Brisa chatbot on Monday.",
        &["[Pellam Systems]Company --released--> [Brisa]Model"],
    );
}

#[test]
fn its_refers_to_the_subject_and_based_in_to_the_nearest_name() {
    assert_fact(
        "PARIS, March 14 (Reuters) - Lumen Robotics will use the money to train its Atlas models.",
        &["[Lumen Robotics]Company --developed--> [Atlas]Model"],
    );
    assert_fact(
        "Lumen's rival Quanta AI, based in Zurich, grew.",
        &["[Quanta AI]Company --locatedIn--> [Zurich]Place"],
    );
    assert_no_fact(
        "Lumen Robotics's rival Quanta AI, based in Zurich, grew.",
        &["[Lumen Robotics]Company --locatedIn-->"],
    );
}

#[test]
fn roles_of_a_field_and_calling_something_something() {
    assert_fact(
        "Sofia Lindgren, head of technology research at Nordbanken, wrote that prices were high.",
        &[
            "[Sofia Lindgren]Person --affiliatedWith--> [Nordbanken]",
            "{head of technology research}",
        ],
    );
    assert_no_fact(
        "Sofia Lindgren, head of technology research at Nordbanken, left.",
        &["--leads-->"],
    );
    assert_fact(
        "The company's co-founder, Marco Rossi, called the model \"the most capable system in Europe.\"",
        &["[Marco Rossi]Person --holdsView-->", "{the model the most capable system in Europe}"],
    );
    assert_fact(
        "Karl Hoffmann spoke at a conference in Hamburg.",
        &["[Karl Hoffmann]Person --spokeAt--> [conference]Event"],
    );
}

#[test]
fn founders_roles_before_names_and_pronoun_sources() {
    assert_fact(
        "Naomi Achebe left Marlow University in 2023 to co-found Orbital Dynamics.",
        &[
            "[Naomi Achebe]Person --affiliatedWith--> [Orbital Dynamics]",
            "{co-founder}",
        ],
    );
    assert_fact(
        "Tallis Robotics grew. The startup's president, Julian Okoye, says sales doubled.",
        &[
            "[Julian Okoye]Person --affiliatedWith--> [Tallis Robotics]",
            "{president}",
        ],
    );
    assert_fact(
        "Naomi Achebe runs the lab. According to her, error rates have fallen by half.",
        &[
            "[Naomi Achebe]Person --holdsView-->",
            "error rates have fallen by half",
        ],
    );
}

#[test]
fn languages_compound_names_and_added_with_an_object() {
    assert_no_fact(
        "Its model handles French, German and Arabic text well in China.",
        &["--locatedIn-->"],
    );
    assert_fact(
        "Lena Berg, a professor at Halden College of Business and Economics, left.",
        &["[Lena Berg]Person --affiliatedWith--> [Halden College of Business and Economics]"],
    );
    assert_no_fact(
        "Pellam Systems added a Tallis subsidiary as its shareholder.",
        &["--holdsView-->"],
    );
    assert_fact(
        "Pellam Systems recently open-sourced its bilingual (Chinese and English) conversational AI model Brisa-6B.",
        &["[Pellam Systems]Company --released--> [Brisa-6B]Model"],
    );
}

#[test]
fn references_skip_names_after_prepositions_and_adjectives_are_not_names() {
    assert_fact(
        "Kairos Vision hired staff. Haruto Sato, a former engineer at Sony, founded the company in 2020.",
        &["[Haruto Sato]Person --affiliatedWith--> [Kairos Vision]", "{founder}"],
    );
    assert_fact(
        "TOKYO (Kyodo) -- Kairos Vision unveiled Mirage-1, a model it says can draw whole films.",
        &["[Kairos Vision]", "--holdsView-->", "can draw whole films"],
    );
    assert_no_fact("Kairos unveils Sora-class video model", &["[Sora-class]"]);
    assert_fact(
        "Ha Jung-woo, the head of Naver AI Center, left.",
        &["[Ha Jung-woo]Person --affiliatedWith--> [Naver AI Center]"],
    );
}

#[test]
fn a_second_verb_shares_the_subject() {
    assert_fact(
        "Marta Lindqvist acknowledged the delay but said the chips would ship in June.",
        &[
            "[Marta Lindqvist]Person --holdsView-->",
            "{the chips would ship in June}",
        ],
    );
    assert_fact(
        "She is careful. Ines Valdes argued that data matters, and warned that audits are rare.",
        &["[Ines Valdes]Person --holdsView-->", "{audits are rare}"],
    );
    assert_no_fact("Prices rose and said nothing.", &["--holdsView-->"]);
}

#[test]
fn modifiers_after_a_role_noun() {
    assert_fact(
        "Faisal Bannai, Secretary General of Halden University, spoke.",
        &[
            "[Faisal Bannai]Person --affiliatedWith--> [Halden University]",
            "{secretary general}",
        ],
    );
    assert_fact(
        "Ines Valdes, professor emeritus at Marlow University, spoke.",
        &[
            "[Ines Valdes]Person --affiliatedWith--> [Marlow University]",
            "{professor emeritus}",
        ],
    );
    assert_fact(
        "Ola Berg, a senior researcher at Tallis Labs, spoke.",
        &[
            "[Ola Berg]Person --affiliatedWith--> [Tallis Labs]",
            "{senior researcher}",
        ],
    );
}

#[test]
fn lists_of_titled_names_share_the_organisation() {
    let text = "Tallis Robotics grew. It appointed its chief operating officer Ana Costa, and chief technology officer Rui Lima, as co-CEOs.";
    assert_fact(
        text,
        &["[Ana Costa]Person --affiliatedWith--> [Tallis Robotics]"],
    );
    assert_fact(
        text,
        &[
            "[Rui Lima]Person --affiliatedWith--> [Tallis Robotics]",
            "{chief technology officer}",
        ],
    );
    assert_fact(
        "Orvane Technologies CEO Lin Peiyu and CTO Omar Haddad spoke.",
        &[
            "[Omar Haddad]Person --affiliatedWith--> [Orvane Technologies]",
            "{cto}",
        ],
    );
}

#[test]
fn heading_a_unit() {
    assert_fact(
        "Ines Valdes, a professor of physics at Marlow University, heads the university's Vision Group.",
        &["[Ines Valdes]Person --leads--> [Vision Group]"],
    );
    assert_fact(
        "Omar Haddad runs Tallis Robotics from Lisbon.",
        &["[Omar Haddad]Person --leads--> [Tallis Robotics]"],
    );
    assert_no_fact(
        "Omar Haddad was led by Tallis Robotics engineers.",
        &["[Omar Haddad]Person --leads-->"],
    );
}

#[test]
fn a_monitored_reports_source_line_places_its_outlet() {
    // The source line of a monitored broadcast or paper: the report's number, the place, the
    // outlet, the language.
    for (text, outlet, place) in [
        (
            "Harbour Strike Ends KX1203045594 Oslo VESTRAND POSTEN in Norwegian 0700 GMT 12 Mar 94",
            "VESTRAND POSTEN",
            "Oslo",
        ),
        (
            "QB0402113094 Lisbon Radio Corvale Network in Portuguese 1130 GMT 4 Feb 94",
            "Radio Corvale Network",
            "Lisbon",
        ),
        // A place no list knows, right after the number.
        (
            "ZT1907082294 Dunmore Radio Dunmore in English 0822 GMT 19 Jul 94",
            "Radio Dunmore",
            "Dunmore",
        ),
        // A line of its own.
        ("Madrid NORTEVISION", "NORTEVISION", "Madrid"),
    ] {
        assert_fact(
            text,
            &[&format!("[{outlet}]Media --locatedIn--> [{place}]Place")],
        );
        assert_no_fact(text, &["]Model"]);
    }
    // A name of one place is no source line, nor is a headline in capitals or a place and a
    // name inside a sentence before a language.
    for text in [
        "Paris Hilton",
        "Beijing Academy of Robotics",
        "CHINA EXPORTS RISE",
        "He lectured at Moscow State University in Russian.",
    ] {
        assert_no_fact(text, &["--locatedIn-->"]);
        assert_no_fact(text, &["]Media"]);
    }
}

#[test]
fn an_organisation_in_a_town_and_its_state() {
    for (text, org) in [
        (
            "The reactors at the Tarrow Power Plant, in Aiken, S.C., were shut down.",
            "Tarrow Power Plant",
        ),
        (
            "Brandt Mining Center, Aiken, S.C.; and two depots in Texas.",
            "Brandt Mining Center",
        ),
        (
            "Orvel Labs, Aiken, S.C., said the trial went well.",
            "Orvel Labs",
        ),
    ] {
        for place in ["Aiken", "S.C."] {
            assert_fact(
                text,
                &[
                    &format!("[{org}]"),
                    &format!("--locatedIn--> [{place}]Place"),
                ],
            );
        }
    }
}

#[test]
fn a_fronted_description_names_the_organisation() {
    for (text, person, org) in [
        (
            "A Harlow University law professor, Tom Wright helped devise the argument.",
            "Tom Wright",
            "Harlow University",
        ),
        (
            "A Corvane Systems chip designer, Ana Ruiz, left in May.",
            "Ana Ruiz",
            "Corvane Systems",
        ),
        (
            "The Tarrow Institute director, Jon Vell, said the results were clear.",
            "Jon Vell",
            "Tarrow Institute",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{person}]Person --affiliatedWith--> [{org}]")],
        );
    }
    assert_no_fact(
        "A senior engineer, Ana Ruiz, left.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn running_owning_teaching_at_or_sitting_on_an_organisation_is_an_affiliation() {
    for (text, person, org) in [
        (
            "Lena Marsh, who operates the Dunmore Mining Museum, said the tunnels were safe.",
            "Lena Marsh",
            "Dunmore Mining Museum",
        ),
        (
            "Warden Hale, 70, who owned the failed Harlow Savings Bank, filed for protection.",
            "Warden Hale",
            "Harlow Savings Bank",
        ),
        (
            "Nia Kell runs the Tarrow Foundation.",
            "Nia Kell",
            "Tarrow Foundation",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{person}]Person --affiliatedWith--> [{org}]")],
        );
    }
}

#[test]
fn a_common_word_after_a_given_name_is_a_family_name() {
    assert_fact(
        "Orvel anchorman Dan Rather spoke to the session.",
        &["[Dan Rather]Person --affiliatedWith--> [Orvel]"],
    );
    assert_fact(
        "Yesterday Amy Little said the plan was late.",
        &["[Amy Little]Person --holdsView-->"],
    );
    assert_fact(
        "Kestrel chief executive Tim Cook said the phones would ship in May.",
        &["[Tim Cook]Person --holdsView-->"],
    );
    // In a headline every word has a capital.
    assert_no_fact("Ana Leaves Orvel For Kestrel", &["[Ana Leaves"]);
}

#[test]
fn a_speaker_for_the_organisation_of_the_reported_clause() {
    for (text, person, org, role) in [
        (
            "The Harbor Guard rescued seven people from a sinking boat, said station chief Ken Colt.",
            "Ken Colt",
            "Harbor Guard",
            "station chief",
        ),
        (
            "Halvard Dickson Inc. sells needle containers to hospitals, said Linda Marsh, an assistant product manager.",
            "Linda Marsh",
            "Halvard Dickson Inc.",
            "assistant product manager",
        ),
        (
            "Orvel Labs will ship the chip in May, said Ana Ruiz, a company spokeswoman.",
            "Ana Ruiz",
            "Orvel Labs",
            "company spokeswoman",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{person}]Person --affiliatedWith--> [{org}]"),
                &format!("{{{role}}}"),
            ],
        );
    }
    // Another body's official speaks from outside.
    for text in [
        "The Orvel Union will strike on Monday, said a city official, Tom Dale.",
        "Kestrel Labs will ship the chip in May, said union official Tom Dale.",
    ] {
        assert_no_fact(text, &["[Tom Dale]Person --affiliatedWith-->"]);
    }
}

#[test]
fn an_age_before_the_role_and_a_lone_capitalised_title() {
    assert_fact(
        "Orvel Labs raised money this week. Its 31-year-old CEO, Arthur Vell, has set his sights high.",
        &["[Arthur Vell]Person --affiliatedWith--> [Orvel Labs]", "{ceo}"],
    );
    assert_fact(
        "Kestrel Cloud grew fast. Its 45-year-old chief scientist, Mira Sol, left in May.",
        &["[Mira Sol]Person --affiliatedWith--> [Kestrel Cloud]"],
    );
    let text = "Tan Dai, President of Kestrel Cloud, told reporters that the margin is high.";
    assert_fact(
        text,
        &[
            "[Tan Dai]Person --affiliatedWith--> [Kestrel Cloud]",
            "{president}",
        ],
    );
    assert_no_fact(text, &["[President]"]);
}

#[test]
fn a_claim_then_the_speaker_with_an_appositive_then_the_verb() {
    for (text, speaker) in [
        (
            "The plan will fail, Tom Hale, the chief of Dunmore Police, said.",
            "Tom Hale",
        ),
        (
            "Prices will rise next year, Anna Berg, an economist at Corvane Bank, said on Monday.",
            "Anna Berg",
        ),
        (
            "The vote was fair and open, Lena Marsh, 44, a member of the council, told reporters.",
            "Lena Marsh",
        ),
        (
            "Sales fell sharply in the spring, Tom Hale, who runs Orvel Foods, said.",
            "Tom Hale",
        ),
    ] {
        assert_fact(text, &[&format!("[{speaker}]Person --holdsView-->")]);
    }
    // "said it": the pronoun is what was said, not an inverted speaker.
    assert_no_fact(
        "Mary Lowe, a spokeswoman for Corvane Energy, said it.",
        &["[Corvane Energy]", "--holdsView-->"],
    );
}

#[test]
fn a_name_with_its_initials_in_brackets_is_an_organisation() {
    assert_fact(
        "Police arrested Ravi Anand, joint general secretary of the banned Orvel Tanna Sabha (OTS), on Monday.",
        &[
            "[Ravi Anand]Person --affiliatedWith--> [Orvel Tanna Sabha]",
            "{joint general secretary}",
        ],
    );
    assert_no_fact(
        "The Veltra Rouge (VR) refused to talk with Ana Prieto.",
        &["[Veltra Rouge]Person"],
    );
    assert_no_fact(
        "The Keshan Liberation Front (KLF) said it would fight on.",
        &["--affiliatedWith--> [KLF]"],
    );
}

#[test]
fn a_legal_form_closes_a_firms_name() {
    // "of" after "Inc." gives the town, however unfamiliar.
    for (text, firm, town) in [
        (
            "It rained. Tom Hale of Halvar Systems Inc. of Tarnby said the deal was off.",
            "Halvar Systems Inc.",
            "Tarnby",
        ),
        (
            "Lena Marsh, president of Corvane Corp. of Westfield, said so.",
            "Corvane Corp.",
            "Westfield",
        ),
        (
            "Waste Disposal Co. of Randolph is preparing to offer a pickup service.",
            "Waste Disposal Co.",
            "Randolph",
        ),
    ] {
        assert_fact(
            text,
            &[&format!("[{firm}]Company --locatedIn--> [{town}]Place")],
        );
    }
    // A common word opening a sentence opens a firm's name that its legal form closes, but
    // not an article.
    assert_no_fact("The Halvar Corp. said no.", &["[The Halvar Corp.]"]);
}

#[test]
fn a_tokenised_irish_surname_is_one_name() {
    assert_fact(
        "The winds overturned trucks, said California Highway Patrol Officer James O 'Brien.",
        &["[James O 'Brien]Person --affiliatedWith--> [California Highway Patrol]"],
    );
    assert_fact(
        "Malcolm O 'Neill, the head of the Tarnby Missile Agency, told reporters it was ready.",
        &["[Malcolm O 'Neill]Person --affiliatedWith--> [Tarnby Missile Agency]"],
    );
}

#[test]
fn a_title_opening_a_sentence_holds_no_post_at_the_name_ending_the_line_before() {
    assert_no_fact(
        "CORVANE DAILY HERALD\nGov. Lena Marsh signed the bill on Monday.",
        &["[Lena Marsh]Person --affiliatedWith--> [CORVANE DAILY HERALD]"],
    );
    assert_no_fact(
        "Reported by Radio Tarnby\nSen. Tom Hale, D-Ohio, said he would vote no.",
        &["[Tom Hale]Person --affiliatedWith--> [Radio Tarnby]"],
    );
}

#[test]
fn dates_streets_and_fairs_are_no_employers() {
    for text in [
        "They fled after threats by 18 January Senator Tomas Rell, the quaestor of the Senate office.",
        "Piet Arends, 44, of 24th Street, shot Dale Brun after Brun forced his way in.",
        "The mayor was shot by Karl Vint at the Tarnby Exposition in Halden.",
        "Daniel Rusk, 30, of Boothwick, went down to help and also became stuck.",
    ] {
        for org in ["January", "Street", "Tarnby Exposition", "Boothwick"] {
            assert_no_fact(text, &["--affiliatedWith-->", &format!("[{org}]")]);
        }
    }
    assert_no_fact(
        "The bullet struck then-Texas Gov. John Connally in the back.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn ordinals_open_courts_and_titles() {
    assert_fact(
        "Also considered is Judge Rolf Amsel of the 2nd U.S. Circuit Court of Appeals in New York City.",
        &["[Rolf Amsel]Person --affiliatedWith--> [2nd U.S. Circuit Court of Appeals]"],
    );
    assert_fact(
        "Kestrel Fleet First Deputy Commander Igor Vesnin flew to the site.",
        &[
            "[Igor Vesnin]Person --affiliatedWith--> [Kestrel Fleet]",
            "{first deputy commander}",
        ],
    );
    assert_fact(
        "Corvane Bank Second Vice President Lena Marsh resigned.",
        &[
            "[Lena Marsh]Person --affiliatedWith--> [Corvane Bank]",
            "{second vice president}",
        ],
    );
    assert_fact(
        "He shot Veltrian Embassy Third Secretary Ernst vom Halden in Paris.",
        &["[Ernst vom Halden]Person --affiliatedWith--> [Veltrian Embassy]"],
    );
}

#[test]
fn an_of_the_that_ends_an_organisations_name_is_the_names() {
    assert_fact(
        "Ana Ruiz, presidential candidate for the Party of the Democratic Renewal (PDR), won 9 percent.",
        &["[Ana Ruiz]Person --affiliatedWith--> [Party of the Democratic Renewal]"],
    );
    assert_fact(
        "It rained. Dana Velt of the International Committee of the Green Crescent in Khartoum said he had reports.",
        &["[Dana Velt]Person --affiliatedWith--> [International Committee of the Green Crescent]"],
    );
}

#[test]
fn a_countrys_embassy_keeps_its_nationality() {
    assert_fact(
        "Mrs. Ilse Rook, who works at the American Embassy in east Beirut, said so.",
        &["[Ilse Rook]Person --affiliatedWith--> [American Embassy]"],
    );
    assert_no_fact(
        "Mrs. Ilse Rook, who works at the American Embassy in east Beirut, said so.",
        &["--locatedIn--> [United States]"],
    );
}

#[test]
fn a_place_owning_an_organisation_is_passed_over() {
    for (text, person, org) in [
        (
            "It rained. Anatomist Jeffrey Lott of New York's Mount Halden School of Medicine disputed the findings.",
            "Jeffrey Lott",
            "Mount Halden School of Medicine",
        ),
        (
            "It rained. Tom Hale of Britain's Tarnby University said so.",
            "Tom Hale",
            "Tarnby University",
        ),
        (
            "It rained. Lena Marsh, a professor at Norway's Halden University, said so.",
            "Lena Marsh",
            "Halden University",
        ),
    ] {
        assert_fact(text, &[&format!("[{person}]Person --affiliatedWith--> [{org}]")]);
    }
    // The occupation opening the sentence is no part of the name.
    assert_no_fact(
        "It rained. Glaciologist Maria Olsen said the ice was thin.",
        &["[Glaciologist Maria Olsen]"],
    );
}

#[test]
fn an_organisation_that_puts_a_person_in_a_post() {
    for (text, person, org, role) in [
        (
            "It rained. Halvex Energy has appointed Tom Hale chief financial officer.",
            "Tom Hale",
            "Halvex Energy",
            "chief financial officer",
        ),
        (
            "It rained. Corvane Systems named Lena Marsh its chief executive.",
            "Lena Marsh",
            "Corvane Systems",
            "chief executive",
        ),
        (
            "It rained. The Orvel Party elected Dana Velt as its new leader on Sunday.",
            "Dana Velt",
            "Orvel Party",
            "new leader",
        ),
    ] {
        assert_fact(
            text,
            &[
                &format!("[{person}]Person --affiliatedWith--> [{org}]"),
                &format!("{{{role}}}"),
            ],
        );
    }
    // The post of another organisation is that one's; a post not given is none; a ranking
    // is no post.
    let text = "It rained. Corvane named Lena Marsh publisher of the Tarnby Daily News.";
    assert_fact(
        text,
        &["[Lena Marsh]Person --affiliatedWith--> [Tarnby Daily News]"],
    );
    assert_no_fact(text, &["--affiliatedWith--> [Corvane]"]);
    assert_no_fact(
        "It rained. Halvex Energy has not appointed Tom Hale chief financial officer.",
        &["--affiliatedWith-->"],
    );
    assert_no_fact(
        "It rained. Glassworth Media named Lena Marsh the top-rated chief executive of 2023.",
        &["--affiliatedWith-->"],
    );
}

#[test]
fn an_acronym_and_a_full_name_in_brackets_are_one_organisation() {
    // The initials may come from another language than the name's English form.
    for (text, person, org, other) in [
        (
            "The poll shows that PAN (National Action Party) candidate Aurelio Benn increased his rating.",
            "Aurelio Benn",
            "National Action Party",
            "PAN",
        ),
        (
            "Selim Kaya, deputy leader of the RP (Welfare Party) parliamentary group, said the vote was fair.",
            "Selim Kaya",
            "Welfare Party",
            "RP",
        ),
        (
            "Ana Ruiz, presidential candidate for the Party of the Democratic Renewal (PRD), won 9 percent.",
            "Ana Ruiz",
            "Party of the Democratic Renewal",
            "PRD",
        ),
    ] {
        assert_fact(text, &[&format!("[{person}]Person --affiliatedWith--> [{org}]")]);
        assert_no_fact(text, &[&format!("--affiliatedWith--> [{other}]")]);
    }
    // A dateline's agency is not its city's other name.
    let found = crate::common::entities(
        "BUENOS AIRES (AP) -- Argentina said on Monday that talks would resume.\nIt rained.",
    );
    assert!(
        found.iter().any(|e| e.starts_with("BUENOS AIRES/Place")),
        "{found:?}"
    );
}

#[test]
fn a_second_role_after_a_unit_of_a_larger_organisation() {
    let text = "It rained. Tom Hale, a professor of political science at Orvel College of the City University of Tarnby and honorary president of the Veltrix Society, died on Monday.";
    assert_fact(
        text,
        &["[Tom Hale]Person --affiliatedWith--> [Orvel College]"],
    );
    assert_fact(
        text,
        &[
            "[Tom Hale]Person --affiliatedWith--> [Veltrix Society]",
            "{honorary president}",
        ],
    );
    assert_fact(
        "It rained. Lena Marsh, a researcher at the Halden Institute in Oslo and chair of the Corvane Trust, said so.",
        &["[Lena Marsh]Person --affiliatedWith--> [Corvane Trust]", "{chair}"],
    );
}

#[test]
fn what_is_not_an_employer() {
    for (text, wrong) in [
        (
            "It rained. Ana Chien first went to the U.S. to speak at the Orvel Enterprise Institute in 1991.",
            "[Ana Chien]Person --affiliatedWith-->",
        ),
        (
            "It rained. Booth had shot President Arlen Voss at Harlow's Theater in Tarnby.",
            "[Arlen Voss]Person --affiliatedWith-->",
        ),
        (
            "In sentencing Johnny Campbell and Alicia Brandt, Circuit Judge Michael B. Getty said the crime was vicious.",
            "[Alicia Brandt]Person --affiliatedWith-->",
        ),
        (
            "The paper interviewed Radko Vesnic, leader of Bosnian Serbs and vice-president of the Union of Tarnby Writers.",
            "--affiliatedWith--> [Serbs]",
        ),
        (
            "Lena Marsh said airlines flying the planes are Aloha, Orvel Air, Piedmont, Southwest, Kestrel and Halden Air.",
            "[Piedmont]",
        ),
        (
            "It rained. Bush condemned the murder of Tarnby Guard officer William Hale on Monday.",
            "{murder",
        ),
    ] {
        assert_no_fact(text, &[wrong]);
    }
    assert_fact(
        "It rained. Ana Chien speaks for Corvane Energy on safety.",
        &["[Ana Chien]Person --affiliatedWith--> [Corvane Energy]"],
    );
    assert_fact(
        "The paper interviewed Radko Vesnic, leader of Bosnian Serbs and vice-president of the Union of Tarnby Writers.",
        &[
            "[Radko Vesnic]Person --affiliatedWith--> [Union of Tarnby Writers]",
            "{vice-president}",
        ],
    );
}

#[test]
fn a_role_in_apposition_to_a_name_is_not_the_next_names() {
    let text = "It rained. Police Major Tomas Rell, the commander of the Region 2 Tarnby Border Police (TBP), Khon Dera, and other officials climbed the hill.";
    assert_fact(
        text,
        // (The rank "Major" is still read as part of the name.)
        &["Tomas Rell]Person --affiliatedWith--> [Region 2 Tarnby Border Police]"],
    );
    assert_no_fact(text, &["[Khon Dera]", "--affiliatedWith-->"]);
    // The role still goes to a name that follows it when nothing stands before it.
    assert_fact(
        "It rained. The head of Harlow Transplant Service, Dr. Lena Marsh, said the list was long.",
        &["[Lena Marsh]Person --affiliatedWith--> [Harlow Transplant Service]"],
    );
}
