using YamlDotNet.RepresentationModel;

namespace CniBot.Knowledge;

/// <summary>
/// A set of terms that mean the same thing, in either language (MTU / 最大传输单元); or, when <see cref="Outside"/>,
/// the names of a neighbouring field CniBot does not answer about (ingress controllers, Grafana, cert-manager), which
/// share words with the knowledge without being its subject.
/// </summary>
/// <param name="Near">For an outside group, terms of the knowledge's own concepts that are that field's everyday
/// vocabulary (Prometheus: monitoring, alerting): in a question about the field they say nothing more than its name.</param>
/// <param name="Everyday">A concept of everyday words (allow / 放行, latency / 延迟): it bridges the two languages like any
/// other, but says too little about what is asked to tie a question to a section on its own.</param>
public sealed record GlossaryGroup(IReadOnlyList<string> En, IReadOnlyList<string> Zh, int Line, bool Outside = false, IReadOnlyList<string>? Near = null, bool Everyday = false)
{
    public IEnumerable<string> Terms => En.Concat(Zh);
}

/// <summary>The zh/en term pairs and synonyms of <c>glossary.yaml</c>, which bridge the two languages in search.</summary>
public sealed class Glossary(IReadOnlyList<GlossaryGroup> groups)
{
    public static Glossary Empty { get; } = new([]);

    public IReadOnlyList<GlossaryGroup> Groups { get; } = groups;

    /// <summary>For each group, the indexes of the concept groups it lists as near, resolved once.</summary>
    private readonly int[][] nearGroups = [.. groups.Select(g => g.Near is { Count: > 0 } near
        ? Enumerable.Range(0, groups.Count).Where(c => near.Any(t => IsConceptTerm(groups[c], t))).ToArray()
        : [])];

    /// <summary>The indexes of the concept groups that outside group <paramref name="group"/> lists as near.</summary>
    public IReadOnlyList<int> NearGroups(int group) => nearGroups[group];

    /// <summary>Whether <paramref name="term"/> is a term of <paramref name="group"/>, a group of the knowledge's own
    /// concepts (not an outside one).</summary>
    private static bool IsConceptTerm(GlossaryGroup group, string term) =>
        !group.Outside && group.Terms.Contains(term, StringComparer.OrdinalIgnoreCase);

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

            List<string> en = [], zh = [], near = [];
            var valid = true;
            bool outside = false, everyday = false;
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value;
                if (key is "outside" or "everyday")
                {
                    if (value is YamlScalarNode { Value: "true" or "false" } flag)
                    {
                        if (key == "outside")
                        {
                            outside = flag.Value == "true";
                        }
                        else
                        {
                            everyday = flag.Value == "true";
                        }
                    }
                    else
                    {
                        diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), $"'{key}' must be true or false"));
                        valid = false;
                    }

                    continue;
                }

                var target = key switch { "en" => en, "zh" => zh, "near" => near, _ => null };
                if (target is null)
                {
                    diagnostics.Add(new(path, YamlText.LineOf(keyNode, 1), $"unknown glossary key '{key}' (allowed: en, zh, outside, near, everyday)"));
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

            if (valid && near.Count > 0 && !outside)
            {
                diagnostics.Add(new(path, line, "'near' lists a neighbouring field's vocabulary: only a group with 'outside: true' has one"));
                valid = false;
            }

            if (valid && everyday && outside)
            {
                diagnostics.Add(new(path, line, "'everyday' marks a concept of the knowledge; an outside group makes no concept"));
                valid = false;
            }

            if (valid)
            {
                groups.Add(new GlossaryGroup(en, zh, line, outside, near.Count > 0 ? near : null, everyday));
            }
        }

        foreach (var group in groups.Where(g => g.Near is not null))
        {
            foreach (var term in group.Near!.Where(t => !groups.Any(g => IsConceptTerm(g, t))))
            {
                diagnostics.Add(new(path, group.Line, $"near term '{term}' is no term of a glossary group of the knowledge's own concepts"));
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
