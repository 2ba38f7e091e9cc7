using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Search.Analysis;

/// <summary>
/// Splits text that mixes Chinese and English into words. Runs of Han characters are segmented by SmartCn's
/// HMM model (<see cref="HMMChineseTokenizer"/>, the segmenter inside SmartChineseAnalyzer); everything else
/// is cut into letter-and-digit tokens whose inner connectors (<c>- . _ /</c>) are kept, so that
/// <c>kube-proxy</c>, <c>v1.16.7</c> and <c>qos.projectcalico.org/egressBandwidth</c> stay whole.
/// </summary>
/// <remarks>
/// DEVIATION(analysis): SmartChineseAnalyzer on its own cuts <c>kube-proxy</c> into <c>kube</c> and <c>proxy</c>,
/// and Lucene's English StandardTokenizer cuts it too; CniBot's questions and documents are full of such
/// technical tokens, in both languages, so one tokenizer serves both and keeps them whole.
/// With <c>emitParts</c> (used when indexing) a compound token is also indexed by its parts at the same position
/// (<c>kube-proxy</c> → <c>kube</c>, <c>proxy</c>; <c>vxlanMTU</c> → <c>vxlan</c>, <c>MTU</c>), so a question
/// that spells the parts apart still finds it, while a question that names the whole token matches it whole.
/// </remarks>
internal sealed partial class MixedScriptTokenizer : Tokenizer
{
    public const string HanType = "<HAN>";
    public const string WordType = "<WORD>";
    public const string TechType = "<TECH>";

    /// <summary>
    /// Longer "words" are hashes, base64 or pasted garbage, never a topic; like Lucene's StandardTokenizer
    /// (255 by default) the tokenizer drops them.
    /// </summary>
    internal const int MaxTokenLength = 128;

    private readonly bool emitParts;
    private readonly HanSegmentations? segmentations;
    private readonly ICharTermAttribute termAttribute;
    private readonly IOffsetAttribute offsetAttribute;
    private readonly IPositionIncrementAttribute positionAttribute;
    private readonly ITypeAttribute typeAttribute;
    private readonly IKeywordAttribute keywordAttribute;
    private readonly List<RawToken> tokens = [];
    private HMMChineseTokenizer? hanSegmenter;
    private ICharTermAttribute? hanTerm;
    private IOffsetAttribute? hanOffset;
    private int next;
    private int length;

    public MixedScriptTokenizer(TextReader input, bool emitParts, HanSegmentations? segmentations = null)
        : base(input)
    {
        this.emitParts = emitParts;
        this.segmentations = segmentations;
        termAttribute = AddAttribute<ICharTermAttribute>();
        offsetAttribute = AddAttribute<IOffsetAttribute>();
        positionAttribute = AddAttribute<IPositionIncrementAttribute>();
        typeAttribute = AddAttribute<ITypeAttribute>();
        keywordAttribute = AddAttribute<IKeywordAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        tokens.Clear();
        next = 0;
        // Lucene.Net's reusable string reader answers ReadToEnd with null for an empty string.
        var text = (m_input.ReadToEnd() ?? string.Empty).ToCharArray();
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = ChineseScript.Simplify(CharClasses.FoldWidth(text[i]));
        }

        length = text.Length;
        Scan(text);
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (next >= tokens.Count)
        {
            return false;
        }

        var token = tokens[next++];
        termAttribute.SetEmpty().Append(token.Text);
        offsetAttribute.SetOffset(CorrectOffset(token.Start), CorrectOffset(token.End));
        positionAttribute.PositionIncrement = token.PositionIncrement;
        typeAttribute.Type = token.Type;
        // Technical tokens and Chinese words are never stemmed.
        keywordAttribute.IsKeyword = token.Type != WordType;
        return true;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(length);
        offsetAttribute.SetOffset(final, final);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hanSegmenter?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Scan(char[] text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (CharClasses.IsHan(text[i]))
            {
                while (i < text.Length && CharClasses.IsHan(text[i]))
                {
                    i++;
                }

                SegmentHan(new string(text, start, i - start), start);
            }
            else if (CharClasses.IsWordChar(text[i]))
            {
                i++;
                while (i < text.Length)
                {
                    if (CharClasses.IsWordChar(text[i]))
                    {
                        i++;
                    }
                    else if (CharClasses.IsConnector(text[i]) && i + 1 < text.Length && CharClasses.IsWordChar(text[i + 1]))
                    {
                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                AddLatin(text, start, i);
            }
            else
            {
                i++;
            }
        }
    }

    private void SegmentHan(string run, int offset)
    {
        if (segmentations is null)
        {
            SegmentWithSmartCn(run, offset);
            return;
        }

        if (segmentations.TryGet(run, out var known))
        {
            foreach (var (text, start, end) in known)
            {
                tokens.Add(new RawToken(text, offset + start, offset + end, HanType, 1));
            }

            return;
        }

        var first = tokens.Count;
        SegmentWithSmartCn(run, offset);
        var segments = new HanSegmentations.Segment[tokens.Count - first];
        for (var i = 0; i < segments.Length; i++)
        {
            var token = tokens[first + i];
            segments[i] = new HanSegmentations.Segment(token.Text, token.Start - offset, token.End - offset);
        }

        segmentations.Add(run, segments);
    }

    private void SegmentWithSmartCn(string run, int offset)
    {
        if (hanSegmenter is null)
        {
            hanSegmenter = new HMMChineseTokenizer(new StringReader(run));
            hanTerm = hanSegmenter.AddAttribute<ICharTermAttribute>();
            hanOffset = hanSegmenter.AddAttribute<IOffsetAttribute>();
        }
        else
        {
            hanSegmenter.SetReader(new StringReader(run));
        }

        hanSegmenter.Reset();
        var first = tokens.Count;
        while (hanSegmenter.IncrementToken())
        {
            tokens.Add(new RawToken(hanTerm!.ToString(), offset + hanOffset!.StartOffset, offset + hanOffset.EndOffset, HanType, 1));
        }

        hanSegmenter.End();
        hanSegmenter.Dispose(); // Lucene's reuse contract: close before the next SetReader.
        JoinTerms(run, offset, first);
    }

    /// <summary>
    /// Joins consecutive Han tokens from <paramref name="first"/> on that spell a word of <see cref="ChineseTerms"/>
    /// (the longest that fits) into that word, in place: SmartCn splits words of the trade it does not know (网关,
    /// 子网掩码). Every question and every passage passes through here, so nothing is allocated unless a word joins.
    /// </summary>
    private void JoinTerms(string run, int offset, int first)
    {
        var kept = first;
        for (var i = first; i < tokens.Count; kept++)
        {
            var end = i;
            for (var j = i + 1; j < tokens.Count && tokens[j].Start == tokens[j - 1].End && tokens[j].End - tokens[i].Start <= ChineseTerms.Longest; j++)
            {
                if (ChineseTerms.Contains(run.AsSpan(tokens[i].Start - offset, tokens[j].End - tokens[i].Start)))
                {
                    end = j;
                }
            }

            tokens[kept] = end == i
                ? tokens[i]
                : new RawToken(run.Substring(tokens[i].Start - offset, tokens[end].End - tokens[i].Start), tokens[i].Start, tokens[end].End, HanType, 1);
            i = end + 1;
        }

        tokens.RemoveRange(kept, tokens.Count - kept);
    }

    private void AddLatin(char[] text, int start, int end)
    {
        if (end - start > MaxTokenLength)
        {
            return;
        }

        var word = new string(text, start, end - start);
        tokens.Add(new RawToken(word, start, end, IsTechnical(word) ? TechType : WordType, 1));
        if (!emitParts)
        {
            // A name run into its version (sealos4.0, kubeasz3.2, flannel-v0.11.0), as Chinese writers often type
            // it, also stands for the name: the knowledge writes the name alone.
            if (NameWithVersion().Match(word) is { Success: true } named)
            {
                var name = named.Groups["name"];
                tokens.Add(new RawToken(name.Value, start, start + name.Length, IsTechnical(name.Value) ? TechType : WordType, 0));
            }

            return;
        }

        // Lucene wants the offsets of a position's tokens in order: the joined form starts where the word does.
        if (Joined(word) is { } joined)
        {
            tokens.Add(new RawToken(joined, start, end, TechType, 0));
        }

        var parts = Parts(text, start, end);
        if (parts.Count > 1)
        {
            foreach (var (partStart, partEnd) in parts)
            {
                var part = new string(text, partStart, partEnd - partStart);
                tokens.Add(new RawToken(part, partStart, partEnd, IsTechnical(part) ? TechType : WordType, 0));
            }
        }
    }

    /// <summary>
    /// A name spelled with hyphens or underscores, written without them: the form the same name takes as a
    /// configuration key (<c>--auto-direct-node-routes</c> and <c>autoDirectNodeRoutes</c>, <c>cross-subnet</c> and
    /// <c>CrossSubnet</c>, <c>node-local-dns</c> and <c>nodelocaldns</c>), which lower-casing makes one term. Null
    /// when the word has no such connector, or has another (a path, a version, a dotted key).
    /// </summary>
    internal static string? Joined(string word)
    {
        var joins = false;
        foreach (var c in word)
        {
            if (c is '-' or '_')
            {
                joins = true;
            }
            else if (CharClasses.IsConnector(c))
            {
                return null;
            }
        }

        if (!joins)
        {
            return null;
        }

        var joined = word.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return joined.Length > 3 ? joined : null;
    }

    /// <summary>
    /// A token that must never be stemmed: it contains a digit or a connector, or an upper-case letter after the
    /// first (VXLAN, IPIP, WireGuard, vxlanMTU). A lower-cased <c>ipvs</c> is stemmed as well as kept whole (see
    /// <see cref="StemAlternativeFilter"/>), so both spellings still meet.
    /// </summary>
    internal static bool IsTechnical(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (char.IsDigit(c) || CharClasses.IsConnector(c) || (i > 0 && char.IsUpper(c)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A token specific enough to identify what a text is about on its own: it contains a digit or a connector, or
    /// changes case inside (<c>8472</c>, <c>kube-proxy</c>, <c>vxlanMTU</c>). Plain acronyms (TLS, HR) are not:
    /// they are too often shared with other fields.
    /// </summary>
    internal static bool IsSpecific(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (char.IsDigit(c) || CharClasses.IsConnector(c) || (i > 0 && char.IsLower(word[i - 1]) && char.IsUpper(c)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The parts of a compound token, split at connectors and where a lower-case letter meets an upper-case one
    /// (<c>vxlanMTU</c>, <c>CiliumNetworkPolicy</c>). An acronym running into a word is left alone: splitting it
    /// would turn <c>IPsec</c> into <c>I</c> + <c>Psec</c>.
    /// </summary>
    private static List<(int Start, int End)> Parts(char[] text, int start, int end)
    {
        var parts = new List<(int, int)>();
        var partStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (CharClasses.IsConnector(c))
            {
                if (i > partStart)
                {
                    parts.Add((partStart, i));
                }

                partStart = i + 1;
                continue;
            }

            if (i > partStart)
            {
                if (char.IsLower(text[i - 1]) && char.IsUpper(c))
                {
                    parts.Add((partStart, i));
                    partStart = i;
                }
            }
        }

        if (end > partStart)
        {
            parts.Add((partStart, end));
        }

        return parts;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<name>[A-Za-z]{2,}(?:-[A-Za-z]+)*?)-?[vV]?[0-9]+(?:\.[0-9]+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NameWithVersion();

    private readonly record struct RawToken(string Text, int Start, int End, string Type, int PositionIncrement);
}
