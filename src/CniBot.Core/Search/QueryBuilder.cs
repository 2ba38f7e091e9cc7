using CniBot.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace CniBot.Search;

/// <summary>How many passages hold a term in a field.</summary>
internal interface IDocumentFrequencies
{
    int DocumentFrequency(string field, string term);
}

/// <summary>A unit of the question with what the index knows of it: how rare it is, and its weight in the question.</summary>
/// <param name="AskersName">An unknown word that names something of the asker's own (see QueryBuilder.Weigh).</param>
internal sealed record WeightedUnit(QueryUnit Unit, double Idf, bool Known, double Weight, bool AskersName = false);

/// <summary>
/// Builds the query for an analyzed question, programmatically (user text never reaches a query parser): one
/// clause per concept (its token in the concept fields) and one per word (its term in the text, heading and title
/// fields of both languages, the question's own language preferred), each boosted by the unit's salience. A long
/// question keeps its <see cref="MaxClauses"/> weightiest units: the rest would add time and noise, not precision.
/// </summary>
internal sealed class QueryBuilder(SearchOptions options, int passageCount, TermSpread? spread = null, Misspellings? spelling = null)
{
    /// <summary>More units than this add noise, not precision, and each costs a pass over its postings in up to six fields: 24 keeps
    /// the development set's answers (40 did no better) and a long question's search under 2 ms on 10,000 sections.</summary>
    internal const int MaxClauses = 24;

    /// <summary>A question up to this many characters is as long as a heading: its words are what it asks about, as a
    /// heading's are (every question of the team's own list is; a sixth of the real ones are).</summary>
    internal const int HeadingLength = 120;

    /// <summary>Whether a question is longer than a heading (<see cref="HeadingLength"/>): its narrative and pasted
    /// output say more than what it asks, which weighs its heading matches (<see cref="HeadingBoost"/>) and the plain
    /// second opinion's agreement (<see cref="SectionRanker.AgreementBoost"/>).</summary>
    internal static bool LongerThanHeading(string question) => question.Length > HeadingLength;

    /// <summary>
    /// One unit's clause is the best of its fields (text, heading, title, in either language) plus this share of the
    /// others (Lucene's tie breaker): a unit found in the heading and the text counts a little more than in one of
    /// them, never as much as two units.
    /// </summary>
    internal const float FieldTieBreaker = 0.1f;

    /// <summary>
    /// Every unit of the question with its inverse document frequency over passages (the rarer, the more it says),
    /// weightiest first; a plain word the knowledge uses like everyday language is damped (<see cref="TermSpread"/>).
    /// A unit no passage has is <c>Known = false</c> with the highest IDF: a word the knowledge has never seen says the
    /// most about whether the knowledge can answer.
    /// </summary>
    public List<WeightedUnit> Weigh(AnalyzedQuestion question, IDocumentFrequencies terms)
    {
        var maxIdf = Idf(0);
        var weighted = new List<WeightedUnit>(question.Units.Count);
        foreach (var asked in question.Units)
        {
            var unit = asked;
            var frequency = 0;
            if (unit.IsConcept)
            {
                frequency = Math.Max(terms.DocumentFrequency(IndexFields.ConceptText, unit.Term), terms.DocumentFrequency(IndexFields.ConceptHeading, unit.Term));
            }
            else
            {
                frequency = WordFrequency(unit.Term, terms);

                // A word the knowledge writes in capitals (IPVS, VPC, EKS) is indexed unstemmed: a lower-case question
                // word's stem ("ipv", "ek") misses it or hits a stray rarity, its form as written finds it.
                if (unit.Written is { } written && WordFrequency(written, terms) is > 0 and var writtenFrequency && writtenFrequency > frequency)
                {
                    unit = unit with { Term = written };
                    frequency = writtenFrequency;
                }

                // A hyphenated word is searched as its letters run together, which the index holds for every
                // spelling of the name: the hyphens of a flag (cross-subnet, --auto-direct-node-routes), the case of a
                // configuration key (CrossSubnet, autoDirectNodeRoutes), or a word spelled apart (loop-back).
                var joined = MixedScriptTokenizer.Joined(unit.Term);
                if (joined is not null && WordFrequency(joined, terms) is var joinedFrequency && joinedFrequency >= frequency && joinedFrequency > 0)
                {
                    unit = unit with { Term = joined };
                    frequency = joinedFrequency;
                }

                // A word the knowledge has never seen may be one it uses often, misspelt (kuberntes, corendns, kube-poxy).
                if (frequency == 0 && spelling?.Correct(joined ?? unit.Term) is { } corrected && WordFrequency(corrected, terms) is > 0 and var correctedFrequency)
                {
                    unit = unit with { Term = corrected };
                    frequency = correctedFrequency;
                }
            }

            var idf = frequency == 0 ? maxIdf : Idf(frequency);
            if (unit.IsConcept && frequency > 0)
            {
                // A glossary concept is something the knowledge is organised around: in half its passages (MTU),
                // IDF says it tells nothing, yet it is what "how do I change the MTU of Calico after install" asks.
                idf = Math.Max(idf, ConceptIdfFloor);
            }

            // A lone Chinese character is what the segmenter leaves of a word it does not know (前, 通, 看): it names
            // nothing on its own.
            var loneHan = !unit.IsConcept && unit.Text.Length == 1 && CharClasses.IsHan(unit.Text[0]);
            var topical = !loneHan && (unit.IsConcept || unit.Specific || (!Analysis.EverydayChinese.IsEveryday(unit.Text) && IsTopical(unit.Term, terms)));
            var salience = topical ? unit.Salience : unit.Salience * OffTopicWordSalience;
            if (topical && spread is not null && !unit.IsConcept && !unit.Specific && frequency > 0)
            {
                // A plain word spread over the knowledge like everyday language (through, first, setup) weighs less
                // than one the knowledge talks about in clumps (wireguard, snat).
                salience *= spread.Damping(unit.Term);
            }

            weighted.Add(new WeightedUnit(unit with { Salience = salience }, idf, frequency > 0, salience * idf, frequency == 0 && IsCompoundOfKnownWords(unit, terms)));
        }

        weighted.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        return weighted;
    }

    /// <summary>
    /// Whether an unknown word of the body is known words joined by hyphens (<c>debug-pod</c>, <c>nginx-test</c>,
    /// <c>web-frontend</c>): the name the asker gave something of their own, which says nothing about whether the
    /// knowledge can answer. A product's name in the opening (<c>cert-manager</c> asked about) is still a name.
    /// </summary>
    private static bool IsCompoundOfKnownWords(QueryUnit unit, IDocumentFrequencies terms) =>
        !unit.Opening && !unit.IsConcept && unit.Term.Contains('-', StringComparison.Ordinal)
        && unit.Term.Split('-', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } parts
        && parts.All(part => WordFrequency(part, terms) > 0);

    /// <summary>
    /// The weight of a heading match for <paramref name="question"/>: <see cref="SearchOptions.HeadingBoost"/> for a
    /// question in Chinese or one no longer than a heading, <see cref="SearchOptions.LongQuestionHeadingBoost"/> for a
    /// longer one in English, whose narrative and pasted output share words with headings by chance.
    /// </summary>
    internal float HeadingBoost(AnalyzedQuestion question) =>
        question.Language == Language.En && LongerThanHeading(question.Text) ? options.LongQuestionHeadingBoost : options.HeadingBoost;

    /// <summary>
    /// The question's clauses, weightiest first: one per unit the knowledge holds (at most <see cref="MaxClauses"/>),
    /// each the unit's field terms with their boosts, the unit's salience as the clause's boost.
    /// </summary>
    public List<QueryClause> Clauses(AnalyzedQuestion question, IReadOnlyList<WeightedUnit> units, IDocumentFrequencies terms)
    {
        var clauses = new List<QueryClause>(MaxClauses);
        var headingBoost = HeadingBoost(question);
        foreach (var weighted in units)
        {
            if (!weighted.Known || clauses.Count == MaxClauses)
            {
                continue;
            }

            var unit = weighted.Unit;
            var alternatives = new List<FieldTerm>(6);
            if (unit.IsConcept)
            {
                Add(alternatives, terms, IndexFields.ConceptText, unit.Term, 1f);
                Add(alternatives, terms, IndexFields.ConceptHeading, unit.Term, headingBoost);
            }
            else
            {
                foreach (var language in (Language[])[Language.En, Language.Zh])
                {
                    var languageWeight = language == question.Language ? 1f : options.OtherLanguageWeight;
                    Add(alternatives, terms, IndexFields.Text(language), unit.Term, languageWeight);
                    Add(alternatives, terms, IndexFields.Heading(language), unit.Term, languageWeight * headingBoost);
                    Add(alternatives, terms, IndexFields.Title(language), unit.Term, languageWeight * options.TitleBoost);
                }
            }

            if (alternatives.Count > 0)
            {
                clauses.Add(new QueryClause((float)unit.Salience, alternatives));
            }
        }

        return clauses;
    }

    /// <summary>The clauses as the Lucene query that scores the same (for Lucene's explanations, and to test
    /// <see cref="PassageScorer"/> against).</summary>
    public static BooleanQuery ToLucene(IReadOnlyList<QueryClause> clauses, TermLookup terms)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var clause in clauses)
        {
            var alternatives = new DisjunctionMaxQuery(FieldTieBreaker) { Boost = clause.Boost };
            foreach (var alternative in clause.Alternatives)
            {
                var term = terms.Query(alternative.Field, alternative.Term)!;
                term.Boost = alternative.Boost;
                alternatives.Add(term);
            }

            query.Add(alternatives, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>A term in more passages than this share is not searched for (see <see cref="Add"/>).</summary>
    internal const double MaxDocumentShare = 0.15;

    /// <summary>In a small knowledge base every word is in a large share of it: only a term this frequent is cut.</summary>
    private const int MinCutDocumentFrequency = 500;

    /// <summary>
    /// The knowledge's headings and titles are the questions it answers ("Which MTU should Calico use on a 1500-byte
    /// network?"): a plain word that none of them uses is the asker's own phrasing ("unconditionally", "导致"), rare in
    /// the knowledge only because the knowledge does not talk that way, and would otherwise outweigh the words that
    /// name the problem.
    /// </summary>
    internal const double OffTopicWordSalience = 0.35;

    /// <summary>
    /// The least IDF a concept weighs with (a share of about 1 in 7 passages): 1.5 to 2.5 measured on the real
    /// questions, 2.0 ranks best; at 2.5 the commonest concepts anchor off-topic questions.
    /// </summary>
    internal const double ConceptIdfFloor = 2.0;

    private static bool IsTopical(string term, IDocumentFrequencies terms) =>
        terms.DocumentFrequency(IndexFields.EnHeading, term) > 0 || terms.DocumentFrequency(IndexFields.EnTitle, term) > 0
        || terms.DocumentFrequency(IndexFields.ZhHeading, term) > 0 || terms.DocumentFrequency(IndexFields.ZhTitle, term) > 0;

    private static int WordFrequency(string term, IDocumentFrequencies terms)
    {
        var frequency = 0;
        foreach (var field in IndexFields.WordFields)
        {
            frequency = Math.Max(frequency, terms.DocumentFrequency(field, term));
        }

        return frequency;
    }

    /// <summary>BM25's inverse document frequency over the passages.</summary>
    internal double Idf(int documentFrequency) => Math.Log(1 + ((passageCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private void Add(List<FieldTerm> alternatives, IDocumentFrequencies terms, string field, string term, float boost)
    {
        // A term no passage has in this field cannot match: leave it out rather than look. A term in a large share
        // of the passages ranks nothing (BM25 gives it almost no weight) but costs the longest postings list: it is
        // left out too (it still counts for confidence, which looks at what a section holds).
        if (terms.DocumentFrequency(field, term) is > 0 and var frequency && frequency <= Math.Max(MaxDocumentShare * passageCount, MinCutDocumentFrequency))
        {
            alternatives.Add(new FieldTerm(field, term, boost));
        }
    }
}
