using System.Globalization;
using System.Text;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Benchmarks;

/// <summary>
/// Writes a synthetic knowledge folder of a given size, half English and half Chinese, whose text is resampled
/// from the real knowledge base (sentences, headings, technical tokens), so that analysis cost and term
/// statistics resemble production. The same seed always gives the same corpus.
/// </summary>
public static class CorpusGenerator
{
    private const int SectionsPerDocument = 10;

    public static string Generate(string realKnowledge, int sections, string target, int seed = 42)
    {
        var real = KnowledgeLoader.Load(realKnowledge);
        var pools = new[] { Language.En, Language.Zh }.ToDictionary(
            l => l,
            l => (
                Sentences: real.Sections.Where(s => s.Language == l).SelectMany(s => Sentences(s.PlainText)).ToArray(),
                Headings: real.Sections.Where(s => s.Language == l && s.Level >= 2).Select(s => s.Heading).ToArray()));
        var random = new Random(seed);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var documents = sections / SectionsPerDocument;
        for (var d = 0; d < documents; d++)
        {
            var language = d % 2 == 0 ? Language.En : Language.Zh;
            var (sentences, headings) = pools[language];
            var builder = new StringBuilder();
            builder.Append(CultureInfo.InvariantCulture, $"---\nid: doc-{d / 2}\ntitle: Generated {d / 2}\nlang: {language.Code()}\ntags: [generated]\n---\n");
            for (var s = 0; s < SectionsPerDocument; s++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\n## {headings[random.Next(headings.Length)]} {d}-{s}\n\n");
                var count = 3 + random.Next(4);
                for (var i = 0; i < count; i++)
                {
                    builder.Append(sentences[random.Next(sentences.Length)]).Append(language == Language.En ? " " : string.Empty);
                }

                builder.Append('\n');
            }

            var path = Path.Combine(target, language.Code(), $"doc-{d / 2}.md");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, builder.ToString());
        }

        return target;
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '。' or '！' or '？' or '\n' && i - start > 20)
            {
                yield return text[start..(i + 1)].Trim();
                start = i + 1;
            }
        }
    }
}
