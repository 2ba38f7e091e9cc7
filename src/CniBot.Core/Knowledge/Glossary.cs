using YamlDotNet.RepresentationModel;

namespace CniBot.Knowledge;

/// <summary>A set of terms that mean the same thing, in either language (MTU / 最大传输单元).</summary>
public sealed record GlossaryGroup(IReadOnlyList<string> En, IReadOnlyList<string> Zh, int Line)
{
    public IEnumerable<string> Terms => En.Concat(Zh);
}

/// <summary>The zh/en term pairs and synonyms of <c>glossary.yaml</c>, which bridge the two languages in search.</summary>
public sealed class Glossary(IReadOnlyList<GlossaryGroup> groups)
{
    public static Glossary Empty { get; } = new([]);

    public IReadOnlyList<GlossaryGroup> Groups { get; } = groups;

    internal static Glossary Load(string text, string path, ICollection<KnowledgeDiagnostic> diagnostics)
    {
        var root = YamlText.LoadRoot(text, 1, path, diagnostics, "glossary");
        if (root is null)
        {
            return Empty;
        }

        if (root is not YamlSequenceNode sequence)
        {
            diagnostics.Add(new(path, YamlText.LineOf(root, 1), "the glossary must be a list of groups such as '- en: [MTU]' / '  zh: [最大传输单元]'"));
            return Empty;
        }

        var groups = new List<GlossaryGroup>();
        foreach (var item in sequence.Children)
        {
            var line = YamlText.LineOf(item, 1);
            if (item is not YamlMappingNode mapping)
            {
                diagnostics.Add(new(path, line, "a glossary group must be a mapping with 'en' and 'zh' lists"));
                continue;
            }

            List<string> en = [], zh = [];
            var valid = true;
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value;
                var target = key switch { "en" => en, "zh" => zh, _ => null };
                if (target is null)
                {
                    diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), $"unknown glossary key '{key}' (allowed: en, zh)"));
                    valid = false;
                    continue;
                }

                if (!TryReadTerms(value, target))
                {
                    diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), $"'{key}' must be a list of terms, for example {key}: [MTU]"));
                    valid = false;
                }
            }

            if (valid && en.Count + zh.Count < 2)
            {
                diagnostics.Add(new(path, line, "a glossary group needs at least two terms to bridge"));
                valid = false;
            }

            if (valid)
            {
                groups.Add(new GlossaryGroup(en, zh, line));
            }
        }

        return new Glossary(groups);
    }

    private static bool TryReadTerms(YamlNode node, List<string> target)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } single })
        {
            target.Add(single.Trim());
            return true;
        }

        if (node is not YamlSequenceNode sequence)
        {
            return false;
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } term } || string.IsNullOrWhiteSpace(term))
            {
                return false;
            }

            target.Add(term.Trim());
        }

        return true;
    }
}
