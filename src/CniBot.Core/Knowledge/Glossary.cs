using YamlDotNet.RepresentationModel;

namespace CniBot.Knowledge;

/// <summary>
/// A set of terms that mean the same thing, in either language (MTU / 最大传输单元); or, when <see cref="Outside"/>,
/// the names of a neighbouring field CniBot does not answer about (ingress controllers, Grafana, cert-manager), which
/// share words with the knowledge without being its subject.
/// </summary>
public sealed record GlossaryGroup(IReadOnlyList<string> En, IReadOnlyList<string> Zh, int Line, bool Outside = false)
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
            var outside = false;
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value;
                if (key == "outside")
                {
                    if (value is YamlScalarNode { Value: "true" or "false" } flag)
                    {
                        outside = flag.Value == "true";
                    }
                    else
                    {
                        diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), "'outside' must be true or false"));
                        valid = false;
                    }

                    continue;
                }

                var target = key switch { "en" => en, "zh" => zh, _ => null };
                if (target is null)
                {
                    diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), $"unknown glossary key '{key}' (allowed: en, zh, outside)"));
                    valid = false;
                    continue;
                }

                if (!TryReadTerms(value, target))
                {
                    diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), $"'{key}' must be a list of terms, for example {key}: [MTU]"));
                    valid = false;
                }
            }

            if (valid && en.Count + zh.Count < (outside ? 1 : 2))
            {
                diagnostics.Add(new(path, line, outside ? "a group of outside terms needs at least one term" : "a glossary group needs at least two terms to bridge"));
                valid = false;
            }

            if (valid)
            {
                groups.Add(new GlossaryGroup(en, zh, line, outside));
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
