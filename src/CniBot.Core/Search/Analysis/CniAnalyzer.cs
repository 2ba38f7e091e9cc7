using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace CniBot.Search.Analysis;

/// <summary>Whether text is being indexed (compound tokens also indexed by their parts) or asked about.</summary>
internal enum AnalysisRole
{
    Index,
    Query,
}

/// <summary>
/// The analysis chain for both languages' fields: SmartCn segmentation for Chinese runs, an English chain
/// (stop words, Porter stemming) for Latin runs, technical tokens whole.
/// </summary>
/// <remarks>
/// DEVIATION(analysis): one chain serves the English and the Chinese fields because each language's text embeds
/// the other's script (Chinese guidance is full of VXLAN, MTU and NetworkPolicy; questions mix both). The fields
/// stay separate per language so that ranking statistics and the preference for the question's language are
/// per language. Every stemmable word is indexed both as written and stemmed, so a technical term never has to
/// survive the stemmer to be found.
/// </remarks>
/// <param name="role">Whether the analyzer indexes or reads questions.</param>
/// <param name="segmentations">While an index is built, the Han runs already segmented (see <see cref="HanSegmentations"/>).</param>
internal sealed class CniAnalyzer(AnalysisRole role, HanSegmentations? segmentations = null) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new MixedScriptTokenizer(reader, emitParts: role == AnalysisRole.Index, segmentations);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new StopFilter(Version, stream, StopWords.Set);
        stream = new StemAlternativeFilter(stream);
        stream = new PorterStemFilter(stream);
        stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
