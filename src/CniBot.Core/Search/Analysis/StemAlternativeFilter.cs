using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Search.Analysis;

/// <summary>
/// Emits every stemmable token twice at one position: once marked as a keyword (kept as written) and once for
/// the stemmer that follows. Lucene's KeywordRepeatFilter does the same but also repeats tokens that are already
/// keywords, which hands technical tokens (<c>IPVS</c>) to the stemmer after all.
/// </summary>
/// <remarks>DEVIATION(analysis): a keyword-aware KeywordRepeatFilter; follow it with a stemmer and RemoveDuplicatesTokenFilter.</remarks>
internal sealed class StemAlternativeFilter : TokenFilter
{
    private readonly IKeywordAttribute keywordAttribute;
    private readonly IPositionIncrementAttribute positionAttribute;
    private State? pending;

    public StemAlternativeFilter(TokenStream input)
        : base(input)
    {
        keywordAttribute = AddAttribute<IKeywordAttribute>();
        positionAttribute = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending is not null)
        {
            RestoreState(pending);
            pending = null;
            positionAttribute.PositionIncrement = 0;
            keywordAttribute.IsKeyword = false;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (!keywordAttribute.IsKeyword)
        {
            pending = CaptureState();
            keywordAttribute.IsKeyword = true;
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending = null;
    }
}
