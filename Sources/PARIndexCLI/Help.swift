/// Help texts: OVERVIEW / USAGE / ARGUMENTS / OPTIONS, as command-line users expect.
enum Help {
  static let main = """
    OVERVIEW: Score, classify and rank units on the administrative-reform index (Chỉ số CCHC).

    USAGE: parindex <command> [arguments] [options]

    COMMANDS:
      validate CRITERIA [DATA_DIR]          Check a criteria set, and a year of data against it.
      rank     CRITERIA DATA_DIR            Ranking table, per group.
      score    CRITERIA DATA_DIR [--unit ID]  Scorecards (all units, or one).
      explain  CRITERIA DATA_DIR --unit ID [--code CODE]
                                            Why each leaf got its points; what to improve.
      report   CRITERIA DATA_DIR -o FILE.html  The council's report: one self-contained HTML file.
      template CRITERIA [--unit ID] [--excel]  An assessment.csv to fill in.
      sensitivity CRITERIA DATA_DIR [--runs N] [--seed S] [--spread P]
                                            How robust each rank is (Monte Carlo).
      compare  CRITERIA_A DATA_DIR_A CRITERIA_B DATA_DIR_B
                                            Year over year: index, rank and class changes.
      whatif   CRITERIA DATA_DIR --unit ID (--set CODE=VALUE … | --goal CLASS)
                                            A unit's result if leaves had other values.

    OPTIONS:
      --help                                Show help (also after a command).
      --version                             Show the version.

    EXIT CODES:
      0 success · 1 validate found problems · 64 usage error · 65 input error
      66 input file or folder not found · 74 cannot write output

    See 'parindex <command> --help'.

    """

  static func usageLine(_ command: String) -> String {
    switch command {
    case "validate": "USAGE: parindex validate CRITERIA [DATA_DIR]"
    case "rank": "USAGE: parindex rank CRITERIA DATA_DIR [--format text|csv|json|md] [--excel] [--group G] [-o FILE]"
    case "report": "USAGE: parindex report CRITERIA DATA_DIR -o FILE.html [--runs N [--seed S] [--spread P]] [--previous-criteria FILE --previous-data DIR]"
    case "sensitivity": "USAGE: parindex sensitivity CRITERIA DATA_DIR [--runs N] [--seed S] [--spread P] [--format text|csv|json|html] [-o FILE]"
    case "compare": "USAGE: parindex compare CRITERIA_A DATA_DIR_A CRITERIA_B DATA_DIR_B [--format text|csv|json|html] [-o FILE]"
    case "whatif": "USAGE: parindex whatif CRITERIA DATA_DIR --unit ID [--set CODE=VALUE]… [--goal CLASS] [-o FILE]"
    case "template": "USAGE: parindex template CRITERIA [--unit ID] [--excel] [-o FILE]"
    case "explain": "USAGE: parindex explain CRITERIA DATA_DIR --unit ID [--code CODE] [-o FILE]"
    case "score": "USAGE: parindex score CRITERIA DATA_DIR [--unit ID] [--group G] [--format text|md|html|json] [-o FILE]"
    default: "USAGE: parindex <command> …"
    }
  }

  static let dataArguments = """
    ARGUMENTS:
      CRITERIA                A criteria set file (criteria/*.json).
      DATA_DIR                A year folder: units.csv, assessment.csv, and optionally
                              appraisal.csv, evidence.csv, survey.csv, adjustments.csv.
    """

  static func command(_ command: String) -> String {
    switch command {
    case "validate":
      return """
        OVERVIEW: Check a criteria set (known keys, maxima that add up, sound rules and bands)
        and, when DATA_DIR is given, a year of data against it. Every problem is listed, one
        per line: FILE:LINE: field 'value': what was expected.

        \(usageLine(command))

        \(dataArguments)

        EXIT CODES: 0 all good · 1 problems found · 64 usage · 66 file or folder not found

        """
    case "rank":
      return """
        OVERVIEW: Score every unit and print the ranking table of each group: field points,
        total, maximum, index % and class. Ranks compare the exact index; equal indices share
        a rank (1, 2, 2, 4).

        \(usageLine(command))

        \(dataArguments)

        OPTIONS:
          -f, --format FORMAT     text (default), csv (FORMATS §3, for other tools), json or md.
          --excel                 With csv: BOM, ';' and decimal commas for Vietnamese Excel.
          --group G               Only the group G.
          -o, --output FILE       Write to FILE, whole or not at all (default: standard output).

        """
    case "report":
      return """
        OVERVIEW: Write the year's report for the appraisal council as one self-contained HTML
        file (inline CSS and SVG, no network): per group the ranking with field columns, the
        distribution of classes, a field-by-unit heat map of field indices, the data problems
        (missing leaves, evidence gaps, self-score mismatches, what the appraisal changed), and
        each unit's scorecard with its improvement list. Printable on A4.

        \(usageLine(command))

        \(dataArguments)

        OPTIONS:
          -o, --output FILE       Write to FILE, whole or not at all (default: standard output).
          --runs N                Add the rank-robustness chart from N Monte Carlo runs
                                  (with --seed S, default 1, and --spread P, default 10).
          --previous-criteria FILE, --previous-data DIR
                                  Add a comparison with that year.

        """
    case "sensitivity":
      return """
        OVERVIEW: How robust is each rank? Monte Carlo runs that vary what is uncertain and
        report, per unit, the nominal rank, the median rank, the 5th–95th percentile rank
        interval, and how often its class changes. With spread P: each field's weight is
        multiplied by a factor in [1 − P %, 1 + P %] and rescaled to keep the scale; the survey
        leaves' share likewise; each leaf the council changed goes back to the unit's own
        points with probability P %. Deterministic for a seed. CSV header:
        group,unit_id,name,nominal_rank,median_rank,p05_rank,p95_rank,class_changed_share

        \(usageLine(command))

        \(dataArguments)

        OPTIONS:
          --runs N                Number of runs (default 1000).
          --seed S                Seed of the random draws (default 1).
          --spread P              Spread in percent, 0–100 (default 10). 0 varies nothing.
          -f, --format FORMAT     text (default), csv, json or html.
          -o, --output FILE       Write to FILE, whole or not at all.

        """
    case "compare":
      return """
        OVERVIEW: Compare two years: per unit the index and rank in each, the change, the
        class in each (units that moved class are marked), new and dropped units, per-field
        changes (JSON), and warnings where the criteria sets differ (then only fields that kept
        their meaning are compared like for like). CSV header:
        unit_id,name,group,index_a,index_b,index_change,rank_a,rank_b,class_a,class_b

        \(usageLine(command))

        OPTIONS:
          -f, --format FORMAT     text (default), csv, json or html.
          -o, --output FILE       Write to FILE, whole or not at all.

        """
    case "whatif":
      return """
        OVERVIEW: A unit's new total, index, class and rank if some leaves had other values
        (each --set stands in for the leaf's deciding row, as an appraisal would); or, with
        --goal CLASS, the fewest leaves that, raised to their maximum, would reach that class.

        \(usageLine(command))

        \(dataArguments)

        OPTIONS:
          --unit ID               The unit (required).
          --set CODE=VALUE        A leaf and the value it would have; repeatable.
          --goal CLASS            A class label of the criteria set, such as "Tốt".
          -o, --output FILE       Write to FILE, whole or not at all.

        """
    case "template":
      return """
        OVERVIEW: Print an assessment.csv to fill in: one row per self-assessed leaf (survey
        leaves are not self-scored), with the leaf's title, maximum, the value it expects and
        whether evidence is required in x_ columns, which parindex ignores when reading.

        USAGE: parindex template CRITERIA [--unit ID] [--excel] [-o FILE]

        ARGUMENTS:
          CRITERIA                A criteria set file (criteria/*.json).

        OPTIONS:
          --unit ID               Fill the unit_id column with ID.
          --excel                 Vietnamese Excel: BOM, ';' and decimal commas.
          -o, --output FILE       Write to FILE, whole or not at all (default: standard output).

        """
    case "explain":
      return """
        OVERVIEW: For each leaf of one unit, one line a secretary can read aloud: the rule, the
        value, the arithmetic and the result; then the leaves where the unit lost the most
        points, largest first, with what would have earned them.

        \(usageLine(command))

        \(dataArguments)

        OPTIONS:
          --unit ID               The unit (required).
          --code CODE             Only this leaf, or the leaves under this field or criterion.
          -o, --output FILE       Write to FILE, whole or not at all (default: standard output).

        """
    default:
      return """
        OVERVIEW: Print scorecards: each unit's fields, criteria and leaves with points and
        maximum, who set each leaf (self-assessment, appraisal, survey), what is missing, and
        the total, index, class and rank.

        \(usageLine(command))

        \(dataArguments)

        OPTIONS:
          --unit ID               Only this unit.
          --group G               Only units of group G.
          -f, --format FORMAT     text (default), md, html or json.
          -o, --output FILE       Write to FILE, whole or not at all (default: standard output).

        """
    }
  }
}
