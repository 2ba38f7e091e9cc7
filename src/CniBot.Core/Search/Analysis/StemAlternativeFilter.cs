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
    private readonly ICharTermAttribute termAttribute;
    private readonly IKeywordAttribute keywordAttribute;
    private readonly IPositionIncrementAttribute positionAttribute;

    /// <summary>
    /// The term of the token to repeat, as written. Only the term is kept: the filters after this one change nothing
    /// else, and they leave a keyword's term alone too, but copying it back costs nothing and keeps that an
    /// assumption about the term alone. Capturing the whole state cloned every attribute of every word (a tenth of a
    /// long question's search).
    /// </summary>
    private char[] pending = new char[32];
    private int pendingLength = -1;

    public StemAlternativeFilter(TokenStream input)
        : base(input)
    {
        termAttribute = AddAttribute<ICharTermAttribute>();
        keywordAttribute = AddAttribute<IKeywordAttribute>();
        positionAttribute = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pendingLength >= 0)
        {
            termAttribute.CopyBuffer(pending, 0, pendingLength);
            pendingLength = -1;
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
            if (pending.Length < termAttribute.Length)
            {
                pending = new char[termAttribute.Length * 2];
            }

            Array.Copy(termAttribute.Buffer, pending, termAttribute.Length);
            pendingLength = termAttribute.Length;
            keywordAttribute.IsKeyword = true;
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pendingLength = -1;
    }
}
