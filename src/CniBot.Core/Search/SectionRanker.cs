using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>A section the question led to: its score, how sure CniBot is that it answers, and its best passage.</summary>
/// <param name="Section">The section to show: in the question's language when it has a counterpart there.</param>
/// <param name="BestPassage">The best-scoring passage of <paramref name="Section"/> among the hits, or -1 when only
/// its counterpart's passages matched.</param>
/// <param name="PlainBest">Whether it (or its counterpart) is also the plain second opinion's best section
/// (<see cref="SectionRanker.PlainDepth"/>), which raised the confidence of a long question
/// (<see cref="SectionRanker.AgreementBoost"/>).</param>
internal sealed record RankedSection(KnowledgeSection Section, int SectionIndex, double Score, double Confidence, int BestPassage, bool PlainBest = false);

/// <summary>
/// What re-ranking knows about a candidate section, each value between 0 and about 1, and how it weighs them into the
/// candidate's re-ranking score (<see cref="Mix"/>).
/// </summary>
/// <remarks>
/// The weights are a linear model fitted on the development set of real questions (a listwise softmax over each
/// question's candidates, L2 0.001: <c>benchmarks/fit-rerank.py</c> over the features <c>benchmarks/CniBot.Benchmarks
/// -- rerank-features</c> dumps), the way the answer thresholds are calibrated rather than set by hand; refit them
/// when a feature changes. Fitted on 2026-12-06 (734 questions; docs/search.md has the figures). They replaced a
/// hand-set mix: 40 % search score, 60 % weighted share held, 20 % held in the heading, 10 % word score.
/// </remarks>
/// <param name="Score">The section's search score (its best passages' BM25) relative to the best candidate's.</param>
/// <param name="Held">The weighted share of the question's weightiest units the section or its counterpart holds.</param>
/// <param name="Heading">The same share held by its heading path or document title.</param>
/// <param name="Words"><see cref="SectionWordScorer"/>'s score, the asker's own words against the whole section,
/// relative to the best candidate's.</param>
/// <param name="Passage1">Its best passage's score relative to the best candidate's search score.</param>
/// <param name="Passage2">Its second passage's, likewise.</param>
/// <param name="Passage3">Its third passage's, likewise.</param>
/// <param name="Length">ln(characters + 1) / 8 of its text: a long section holds many words by chance.</param>
/// <param name="Subjects">The share of the subjects the question names (the documents' tags, plugins and clouds,
/// <see cref="SubjectMatcher"/>) that the section names.</param>
internal readonly record struct RerankFeatures(double Score, double Held, double Heading, double Words, double Passage1, double Passage2, double Passage3, double Length, double Subjects)
{
    /// <summary>The weights, in the order of the parameters.</summary>
    internal static readonly double[] Weights = [1.24, 2.38, 0.25, 1.84, 0.99, 0.31, 0.37, -1.07, 1.68];

    /// <summary>The names of the values, in the order of the parameters.</summary>
    internal static readonly string[] Names = [nameof(Score), nameof(Held), nameof(Heading), nameof(Words), nameof(Passage1), nameof(Passage2), nameof(Passage3), nameof(Length), nameof(Subjects)];

    /// <summary>The values, in the order of the parameters (and of <see cref="Weights"/>).</summary>
    public double[] Values => [Score, Held, Heading, Words, Passage1, Passage2, Passage3, Length, Subjects];

    /// <summary>The candidate's re-ranking score: each value times its weight, summed in the order of the parameters.</summary>
    public double Mix() =>
        (Weights[0] * Score) + (Weights[1] * Held) + (Weights[2] * Heading) + (Weights[3] * Words) + (Weights[4] * Passage1)
        + (Weights[5] * Passage2) + (Weights[6] * Passage3) + (Weights[7] * Length) + (Weights[8] * Subjects);
}

/// <summary>
/// Ranks sections by their best passages, merges a section with its counterpart in the other language, and says how
/// sure it is of each: the share of the question's focus (its weightiest units) that the section speaks of.
/// </summary>
internal sealed partial class SectionRanker(PassageIndexLayout layout, PassageScorer passages, SectionWordScorer words, SearchOptions options)
{
    /// <summary>How many passages the search returns for ranking sections.</summary>
    internal const int PassageDepth = 200;

    /// <summary>A section's score is its best passage's, plus these shares of its next ones.</summary>
    private static readonly double[] PassageWeights = [1.0, 0.5, 0.25];

    /// <summary>How many of the best sections by score are re-ranked by how much of the question they hold.</summary>
    internal const int RerankDepth = 12;

    /// <summary>
    /// Among how many of the best sections by score the plain second opinion (<see cref="SectionWordScorer"/>) picks its
    /// own best, which is re-ranked with the <see cref="RerankDepth"/> and, when ranked first, raises a long
    /// question's confidence (<see cref="AgreementBoost"/>). Measured on 2026-12-07: its best over every section (the
    /// naive baseline's pick, when the search reached it) took the blind replay 95 -> 100 of 327 right first and the
    /// development set 627 -> 630 (with the agreement: 104 and 631, top-3 158 and 646, held-out 79 and 102), but cost a
    /// real question 0.15-0.35 ms more at the median on 10,000 sections (a Chinese character is in thousands of them);
    /// its best among the 50 the search ranks first: replay 103, top-3 157, development set 631, top-3 645, held-out 78
    /// and 103, for a few dozen merges per question.
    /// </summary>
    internal const int PlainDepth = 50;

    /// <summary>A unit in at most this many passages is rare enough for its passages' sections to be re-ranked
    /// whatever the rest of the question matches (<see cref="PinnedSections"/>). Measured on the development set: 4
    /// passages 600 right first and 608 in the top three of 659, 8: 601 and 609, 16: 602 and 610 (none: 600 and 607);
    /// the held-out set 68 -> 69 of 160 with any of them.</summary>
    private const int MaxPinnedPassages = 16;

    /// <summary>How many of the question's weightiest units the re-ranking weighs.</summary>
    private const int RerankFocusSize = 12;

    /// <summary>
    /// The factor on the confidence of a section that is also the plain second opinion's best
    /// (<see cref="PlainDepth"/>), when the question is longer than a heading: two retrievers that share
    /// nothing but the question's words chose it. A short question has too few words for the agreement to mean much
    /// ("How much does an m5.large cost per hour?" agrees on a section about what WireGuard costs). Measured on
    /// 2026-12-07, the thresholds unchanged (the calibration keeps both): 1.15 and 1.3 both give the development set
    /// 630 -> 631 right first (top-3 645 -> 646), off-topic 135/141 unchanged; on the blind replay's development part
    /// 72 -> 72 and 74 right first, so 1.3; 1.5 answers four more of the development set's off-topic questions (under
    /// 95 % in English). Without the length condition, two of the team's 22 short off-topic questions were answered.
    /// </summary>
    internal const double AgreementBoost = 1.3;

    /// <summary>The least confidence of a section whose known message the question quotes.</summary>
    internal const double MessageConfidence = 0.9;

    /// <summary>How many of the question's weightiest units make its focus, against which confidence is measured.</summary>
    internal const int FocusSize = 10;

    /// <summary>Units below this salience (narrative, everyday words) are not part of the focus.</summary>
    private const double MinFocusSalience = 0.5;

    /// <summary>A concept in more than this share of passages is everyday vocabulary, not an anchor.</summary>
    private const double AnchorShare = 0.1;

    /// <summary>Weight (times the highest IDF) of an unknown name in the body of a question, and of an unknown
    /// everyday word of its opening line.</summary>
    private const double BodyNameWeight = 0.75;
    private const double OpeningWordWeight = 0.3;

    /// <summary>The share of its confidence a section keeps when nothing specific ties it to the question.</summary>
    internal const double UnanchoredShare = 0.3;

    /// <param name="features">When given, receives every re-ranked candidate (the section shown) with its features,
    /// in search-score order: what <c>benchmarks/fit-rerank.py</c> fits the weights on.</param>
    public List<RankedSection> Rank(IReadOnlyList<QueryClause> query, AnalyzedQuestion question, IReadOnlyList<WeightedUnit> units, TermLookup terms, int top, List<(int Section, RerankFeatures Features)>? features = null)
    {
        var knowledge = layout.Knowledge;
        var scores = new Dictionary<int, (double[] Top, int BestPassage)>();
        var hits = passages.Search(query, PassageDepth);
        foreach (var hit in hits)
        {
            var section = layout.SectionOf(hit.Doc);
            if (!scores.TryGetValue(section, out var entry))
            {
                entry = (new double[PassageWeights.Length], layout.PassageOf(hit.Doc));
                scores[section] = entry;
            }

            Insert(entry.Top, hit.Score);
        }

        var pinned = PinnedSections(query, units, scores);
        foreach (var section in question.MessageSections)
        {
            // A quoted known message names its section: it gets the best passage score again on top of its own, which
            // puts it first unless another section matches what the question asks much better (a log pasted under
            // a question about something else).
            var best = scores.Count == 0 ? 1 : scores.Values.Max(e => e.Top[0]);
            scores[section] = (scores.TryGetValue(section, out var entry) ? [best + entry.Top[0], .. entry.Top[1..]] : [best, 0, 0], entry.BestPassage);
        }

        // A section and its counterpart in the other language say the same thing: they count once, at the better
        // score, and are shown in the question's language.
        var merged = new Dictionary<int, (int Section, double Score)>();
        foreach (var (section, (top3, _)) in scores)
        {
            var score = 0.0;
            for (var i = 0; i < top3.Length; i++)
            {
                score += top3[i] * PassageWeights[i];
            }

            var key = layout.TwinKey(section);
            if (!merged.TryGetValue(key, out var existing) || existing.Score < score)
            {
                merged[key] = (section, score);
            }
        }

        // BM25 has no coordination factor: a section that matches one word of the question in many passages can
        // outscore one that holds all of what is asked. The best candidates are re-ranked by their score mixed with
        // the share of the question's weightiest units and of its subjects they hold, and more (RerankFeatures).
        var bySearch = merged.Values.OrderByDescending(s => s.Score).ThenBy(s => s.Section).ToList();
        var candidates = bySearch.Take(Math.Max(top, RerankDepth)).ToList();

        // Sections whose known message the question quotes are always re-ranked, like the pinned ones: when a word of
        // the message is common (a log saying "peers"), a dozen sections with several passages on it can outscore the
        // one passage's worth the message adds.
        foreach (var section in pinned.Concat(question.MessageSections))
        {
            var key = layout.TwinKey(section);
            if (merged.TryGetValue(key, out var entry) && !candidates.Contains(entry))
            {
                candidates.Add(entry);
            }
        }

        // The plain second opinion's own best among the best sections by search score (PlainDepth) is re-ranked too.
        // One scoring serves both: the pool holds the first dozen, and the pinned and quoted sections the pool does not
        // hold are scored after it.
        var pool = bySearch.Take(PlainDepth).Select(s => s.Section).ToList();
        var scored = pool.Concat(candidates.Select(c => c.Section).Where(s => !pool.Contains(s))).ToList();
        var plainScores = words.Score(question.Text, scored);
        var plainBest = -1;
        for (int i = 0, best = -1; i < pool.Count; i++)
        {
            if (plainScores[i] > 0 && (best < 0 || plainScores[i] > plainScores[best]))
            {
                best = i;
                plainBest = pool[i];
            }
        }

        if (plainBest >= 0 && !candidates.Exists(c => c.Section == plainBest))
        {
            candidates.Add(merged[layout.TwinKey(plainBest)]);
        }

        bool IsPlainBest(int section) => plainBest >= 0 && layout.TwinKey(section) == layout.TwinKey(plainBest);

        var leader = candidates.Count > 0 && candidates[0].Score > 0 ? candidates[0].Score : 1;
        var focus = units.Where(u => u.Known && u.Unit.Salience >= MinFocusSalience).Take(RerankFocusSize).ToArray();
        var focusWeight = focus.Sum(u => u.Weight);
        var confidenceFocus = Focus(units, question.Language);
        var plain = candidates.ConvertAll(c => plainScores[scored.IndexOf(c.Section)]);
        var plainLeader = plain.Count > 0 && plain.Max() is > 0 and var highest ? highest : 1;
        var asked = layout.Subjects.Find(question.Text);
        var ranked = candidates
            .Select((s, i) =>
            {
                var top3 = scores.TryGetValue(s.Section, out var e) ? e.Top : [0.0, 0, 0];
                var (held, inHeading) = Shares(focus, focusWeight, s.Section, terms, question.MessageSections);
                var shown = layout.InLanguage(s.Section, question.Language);
                var values = new RerankFeatures(
                    s.Score / leader, held, inHeading, plain[i] / plainLeader,
                    top3[0] / leader, top3[1] / leader, top3[2] / leader,
                    Math.Log(knowledge.Sections[s.Section].PlainText.Length + 1) / 8,
                    layout.SubjectShare(shown, asked));
                features?.Add((shown, values));
                return (s.Section, s.Score, Mixed: values.Mix());
            })
            .OrderByDescending(s => s.Mixed)
            .ThenBy(s => s.Section)
            .Take(top)
            .Select(s =>
            {
                var shown = layout.InLanguage(s.Section, question.Language);
                // A section whose known message the question quotes is at least fairly sure to be about it.
                var confidence = Confidence(confidenceFocus, s.Section, terms, question);
                var agreed = IsPlainBest(s.Section);
                if (agreed && QueryBuilder.LongerThanHeading(question.Text))
                {
                    confidence = Math.Min(1, confidence * AgreementBoost);
                }

                if (Quotes(question.MessageSections, s.Section))
                {
                    confidence = Math.Max(confidence, MessageConfidence);
                }

                return new RankedSection(knowledge.Sections[shown], shown, s.Score, confidence, scores.TryGetValue(shown, out var e) ? e.BestPassage : -1, agreed);
            })
            .ToList();
        return ranked;
    }

    /// <summary>
    /// The sections of the best passages for the question's weightiest unit alone, when that unit is specific (a
    /// configuration key, a flag, an error token) and rare in the knowledge. Over two dozen clauses BM25 favours
    /// passages that share many common words with a long question, and can leave the two passages that hold
    /// <c>nf_conntrack_tcp_timeout_close_wait</c> outside the candidates; these sections are always re-ranked, which
    /// weighs how much of the question each holds. A pinned section the full query did not reach enters
    /// <paramref name="scores"/> with its passage's score for that unit alone.
    /// </summary>
    private List<int> PinnedSections(IReadOnlyList<QueryClause> query, IReadOnlyList<WeightedUnit> units, Dictionary<int, (double[] Top, int BestPassage)> scores)
    {
        var first = units.FirstOrDefault(u => u.Known);
        if (query.Count < 2 || first is null || !first.Unit.Specific
            || Math.Exp(first.Idf) < (double)layout.PassageCount / MaxPinnedPassages
            || !query[0].Alternatives.Any(a => a.Term == first.Unit.Term))
        {
            return [];
        }

        var pinned = new List<int>();
        foreach (var hit in passages.Search([query[0]], MaxPinnedPassages))
        {
            var section = layout.SectionOf(hit.Doc);
            if (!scores.ContainsKey(section))
            {
                var top = new double[PassageWeights.Length];
                top[0] = hit.Score;
                scores[section] = (top, layout.PassageOf(hit.Doc));
            }

            if (!pinned.Contains(section))
            {
                pinned.Add(section);
            }
        }

        return pinned;
    }

    /// <summary>
    /// How sure CniBot is that the section answers: the weighted share of the question's focus (its
    /// <see cref="FocusSize"/> weightiest units) that the section, or its counterpart, contains anywhere (a passage,
    /// its heading, its document's title). The focus leaves out narrative and machine tokens but keeps the names the
    /// knowledge has never heard of (Kafka, Longhorn, HikariCP): those are what an off-topic question is about, so
    /// they pull the confidence down. A section that shares only everyday words with the question (no concept of the
    /// glossary but one of everyday words, no specific token such as <c>8472</c> or <c>kube-proxy</c>, a small number
    /// not being enough, no subject the documents declare in their tags, plugins or clouds) is not about what was
    /// asked: its confidence is cut to <see cref="UnanchoredShare"/>. What anchors may lie anywhere in the focus, not
    /// only among the units weighed: in a long question, everyday words of its opening (always, correct, setup) can
    /// outweigh what it is about (snat, flannel). A question that names a neighbouring field only in its body, and
    /// whose opening names no subject of the knowledge, is cut the same way.
    /// </summary>
    internal double Confidence(List<WeightedUnit> focus, int section, TermLookup terms, AnalyzedQuestion? question = null) =>
        Measure(focus, section, terms, question).Confidence;

    /// <summary>
    /// What ties the question to the section, for maintainers (<c>cnibot ask --explain</c>): the unit of the focus that
    /// anchors it, or null when nothing does and its confidence is cut to <see cref="UnanchoredShare"/>.
    /// </summary>
    internal QueryUnit? Anchor(IReadOnlyList<WeightedUnit> units, int section, TermLookup terms, AnalyzedQuestion question) =>
        Measure(Focus(units, question.Language), section, terms, question).Anchor;

    private (double Confidence, QueryUnit? Anchor) Measure(List<WeightedUnit> focus, int section, TermLookup terms, AnalyzedQuestion? question)
    {
        // A question whose opening names a neighbouring field (an ingress controller, Grafana, cert-manager) is tied to
        // a section only by what its opening says besides that name: the knowledge mentions ingress-nginx or Grafana
        // in passing, and a word of a pasted config deep in the body says nothing about what is asked. When the field
        // is named in a title above a body, only the title ties: "HPA CPU showing <unknown>" over "I created an HPA
        // on EKS" asks about the autoscaler, and the cloud of the first sentence is where it runs, not what is asked.
        var outside = question?.AsksOutside == true;
        double matched = 0, total = 0;
        QueryUnit? anchor = null;
        Func<int, QueryUnit, bool> contains = (i, u) => layout.Contains(i, u, terms);
        var common = AnchorShare * layout.PassageCount;
        for (var i = 0; i < focus.Count; i++)
        {
            var unit = focus[i];
            var weighed = i < FocusSize;
            var anchors = anchor is null && unit.Known && (!outside || (unit.Unit.Opening && (!question!.OutsideInTitle || unit.Unit.InTitle) && !question.IsOutsideTerm(unit.Unit))) && (
                (unit.Unit.Specific && !AnchorsNothing(unit.Unit.Text))
                || (unit.Unit.IsConcept && layout.PassageCount / Math.Exp(unit.Idf) <= common && !layout.IsEveryday(unit.Unit.Concept))
                || (!unit.Unit.IsConcept && layout.IsSubject(unit.Unit.Term)));
            if (!weighed && !anchors)
            {
                if (anchor is not null)
                {
                    break;
                }

                continue;
            }

            total += weighed ? unit.Weight : 0;
            if (unit.Known && Holds(section, unit.Unit, contains))
            {
                matched += weighed ? unit.Weight : 0;
                anchor = anchors ? unit.Unit : anchor;
            }
        }

        _ = options;
        var coverage = total <= 0 ? 0 : matched / total;
        if (question is { OutsideInBody: true })
        {
            // A neighbouring field named in the body, and nothing of the knowledge's in the opening: the question is
            // about that field (a Prometheus rule under "Why are no alerts fired?"), whatever words it shares.
            return (coverage * UnanchoredShare, null);
        }

        return anchor is not null ? (coverage, anchor) : (coverage * UnanchoredShare, null);
    }

    /// <summary>
    /// A specific token that is searched like any other but ties no section to a question on its own:
    /// <list type="bullet">
    /// <item>a number of one or two digits (22 rows, 5 seconds, port 53): too many things are counted in small numbers;</item>
    /// <item>an API version label (<c>v1</c>, <c>v2beta1</c>), in every manifest an asker pastes and in the knowledge's
    /// examples;</item>
    /// <item>an HTTP status code askers quote (404, 502, 503...), from every web server, ingress controller and health
    /// check: the knowledge mentions a few in passing (a load balancer's probe answered 404), so one tied a section to a
    /// question about an ingress or a certificate challenge as surely as a port number would. None of them is a port CNIs
    /// use (IKE's 500 is left out);</item>
    /// <item>a CPU architecture (<c>amd64</c>, <c>arm64</c>), in every image tag, platform string and download link an
    /// asker pastes, while the knowledge names one where a release or a binary is meant: a Postgres chart's
    /// "bitnami/postgresql-repmgr:15.3.0, amd64" tied its question to a Calico release note.</item>
    /// </list>
    /// </summary>
    private static bool AnchorsNothing(string text) =>
        (text.Length <= 2 && text.All(char.IsAsciiDigit)) || ApiVersion().IsMatch(text) || Unanchoring.Contains(text);

    /// <summary>The HTTP status codes and CPU architectures of <see cref="AnchorsNothing"/>.</summary>
    private static readonly FrozenSet<string> Unanchoring = new[]
    {
        "200", "201", "204", "301", "302", "304", "400", "401", "403", "404", "405", "408", "409", "429", "502", "503", "504",
        "amd64", "arm64", "x86_64", "aarch64", "armv7", "armhf", "i386", "ppc64le", "s390x",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^v[0-9]{1,2}((alpha|beta)[0-9]{1,2})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersion();

    /// <summary>The units confidence is measured against, weightiest first.</summary>
    internal static List<WeightedUnit> Focus(IReadOnlyList<WeightedUnit> units, Language language)
    {
        var focus = new List<WeightedUnit>();
        foreach (var unit in units)
        {
            if (unit.Known)
            {
                // An everyday word of the opening line is part of what is asked ("parental leave policy"), if less
                // surely than a word the knowledge is about.
                if (unit.Unit.Salience >= MinFocusSalience || (unit.Unit.Opening && unit.Unit.Salience >= QueryBuilder.OffTopicWordSalience))
                {
                    focus.Add(unit);
                }
            }
            else if (IsName(unit.Unit, language) && !unit.Unit.InCode && !unit.AskersName)
            {
                // A name the knowledge does not know weighs as much as the rarest word it does; one seen only in
                // pasted code (the keys of a config: removeCbrBridge, binPath) or made of known words (debug-pod) is
                // the asker's setup, not the subject.
                focus.Add(unit with { Weight = unit.Idf * (unit.Unit.Opening ? 1 : BodyNameWeight) });
            }
            else if (unit.Unit.Opening && !unit.Unit.Specific && unit.Unit.Text.Length > 1)
            {
                // An unknown everyday word of the opening line ("sourdough", "poem") still says what is asked, if
                // less surely than a name.
                focus.Add(unit with { Weight = unit.Idf * OpeningWordWeight });
            }
        }

        focus.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        return focus;
    }

    /// <summary>
    /// A word the knowledge has never seen that is written like a name or an identifier (Kafka, PostgreSQL, OOM,
    /// cert-manager, natOutgoing), not like everyday words (unconditionally, cooldown) nor like machine output:
    /// versions, file names, paths and URLs (<c>v1.26</c>, <c>kube-flannel.yml</c>) name the asker's setup, not the
    /// topic. In a Chinese question every Latin word counts as a name.
    /// </summary>
    internal static bool IsName(QueryUnit unit, Language language)
    {
        if (unit.IsConcept || unit.Text.Any(CharClasses.IsHan))
        {
            return false;
        }

        // In a Chinese question, a word in Latin letters is a product or a term (redis, pvc, longhorn), however cased,
        // unless it sits in a run of English (a sentence or a pasted log line), where English rules apply. A number
        // (a year, which is not specific) has no letters and names nothing.
        if (language == Language.Zh && !unit.Specific && unit.Text.Length > 1 && !unit.InEnglish && unit.Text.Any(char.IsAsciiLetter))
        {
            return true;
        }

        if (unit.Specific)
        {
            return !unit.Text.Any(c => char.IsAsciiDigit(c) || c is '/' or '.' or ':');
        }

        return unit.Text.Any(char.IsUpper);
    }

    /// <summary>
    /// The shares of the question's weightiest units that the section holds anywhere and in its heading path.
    /// </summary>
    /// <remarks>
    /// A section whose known message the question quotes also holds the words of that message, as if in its heading:
    /// "Communication between peers is unencrypted" is about the section that lists it, not about another whose
    /// heading says "peers".
    /// </remarks>
    private (double Anywhere, double InHeading) Shares(WeightedUnit[] focus, double focusWeight, int section, TermLookup terms, IReadOnlyList<int> messageSections)
    {
        if (focusWeight <= 0)
        {
            return (0, 0);
        }

        var quoted = Quotes(messageSections, section);
        var held = Held(focus, section, (i, u) => layout.Contains(i, u, terms) || (quoted && InMessages(i, u)));
        var inHeading = Held(focus, section, (i, u) => layout.HeadingContains(i, u, terms) || (quoted && InMessages(i, u)));
        return (held / focusWeight, inHeading / focusWeight);
    }

    /// <summary>Whether the question quotes a known message of the section or of its counterpart.</summary>
    internal bool Quotes(IReadOnlyList<int> messageSections, int section) =>
        messageSections.Contains(section) || messageSections.Contains(layout.Twin(section));

    /// <summary>Whether one of the messages the section explains contains the unit as written.</summary>
    private bool InMessages(int section, QueryUnit unit)
    {
        foreach (var message in layout.Knowledge.Sections[section].Messages)
        {
            if (message.Contains(unit.Text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The weight of the units that the section or its counterpart holds, by <paramref name="holds"/>.</summary>
    private double Held(WeightedUnit[] units, int section, Func<int, QueryUnit, bool> holds)
    {
        var held = 0.0;
        foreach (var unit in units)
        {
            if (Holds(section, unit.Unit, holds))
            {
                held += unit.Weight;
            }
        }

        return held;
    }

    /// <summary>Whether the section, or the same section in the other language, holds the unit by <paramref name="holds"/>.</summary>
    private bool Holds(int section, QueryUnit unit, Func<int, QueryUnit, bool> holds)
    {
        var twin = layout.Twin(section);
        return holds(section, unit) || (twin >= 0 && holds(twin, unit));
    }

    /// <summary>Keeps the highest scores in descending order.</summary>
    private static void Insert(double[] top, double score)
    {
        for (var i = 0; i < top.Length; i++)
        {
            if (score > top[i])
            {
                // Shifted by hand: Array.Copy's call cost more than moving two doubles (4 % of a search's time).
                for (var j = top.Length - 1; j > i; j--)
                {
                    top[j] = top[j - 1];
                }

                top[i] = score;
                return;
            }
        }
    }
}
