using CniBot.Diagnosis.Flows;
using CniBot.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CniBot.Advice;

/// <summary>
/// Loads and checks <c>plugins.yaml</c> and <c>rules.yaml</c>: every cell in both languages with a source that is a
/// real knowledge section (<c>id#anchor</c> of an English document) or an https URL, vocabularies respected, every
/// plugin answering every dimension. Problems are <c>path:line</c> diagnostics; a file with problems is left out.
/// </summary>
public static class PluginMatrixLoader
{
    public const string MatrixFile = "plugins.yaml";
    public const string RulesFile = "rules.yaml";

    private static readonly string[] Severities = ["info", "warning", "unsupported"];
    private static readonly string[] Operations = ["low", "medium", "high"];

    public static PluginMatrix Load(string directory, string displayRoot, IReadOnlyCollection<KnowledgeSection> sections, ICollection<KnowledgeDiagnostic> diagnostics)
    {
        var anchors = sections.Where(s => s.Language == Language.En).Select(s => $"{s.DocumentId}#{s.Anchor}").ToHashSet(StringComparer.Ordinal);
        var matrixPath = Path.Combine(directory, MatrixFile);
        if (!File.Exists(matrixPath))
        {
            return PluginMatrix.Empty;
        }

        var problems = new List<KnowledgeDiagnostic>();
        var display = Path.GetRelativePath(displayRoot, matrixPath).Replace('\\', '/');
        var (dimensions, plugins) = ReadMatrix(File.ReadAllText(matrixPath), display, anchors, problems);
        var rulesPath = Path.Combine(directory, RulesFile);
        var rules = File.Exists(rulesPath)
            ? ReadRules(File.ReadAllText(rulesPath), Path.GetRelativePath(displayRoot, rulesPath).Replace('\\', '/'), anchors, plugins.Select(p => p.Id).ToHashSet(), problems)
            : [];
        foreach (var problem in problems)
        {
            diagnostics.Add(problem);
        }

        return problems.Count == 0 ? new PluginMatrix(dimensions, plugins, rules) : PluginMatrix.Empty;
    }

    internal static (List<Dimension> Dimensions, List<PluginEntry> Plugins) ReadMatrix(string yaml, string path, IReadOnlySet<string> anchors, List<KnowledgeDiagnostic> problems)
    {
        var dimensions = new List<Dimension>();
        var plugins = new List<PluginEntry>();
        if (YamlText.LoadRoot(yaml, 1, path, problems, "the plugin matrix") is not YamlMappingNode root)
        {
            return (dimensions, plugins);
        }

        var reader = new YamlReader(path, 1, problems);

        foreach (var node in reader.Items(root, "dimensions"))
        {
            if (node is YamlMappingNode map && YamlReader.Text(map, "id") is { } id && reader.LocalOf(map) is { } label)
            {
                dimensions.Add(new Dimension(id, label));
            }
            else
            {
                problems.Add(new(path, YamlText.LineOf(node, 1), "a dimension needs an id and 'en' and 'zh' labels"));
            }
        }

        foreach (var node in reader.Items(root, "plugins"))
        {
            var line = YamlText.LineOf(node, 1);
            if (node is not YamlMappingNode map || YamlReader.Text(map, "id") is not { } id || YamlReader.Text(map, "name") is not { } name)
            {
                problems.Add(new(path, line, "a plugin needs an id and a name"));
                continue;
            }

            var clouds = YamlReader.Strings(map, "clouds");
            var features = YamlReader.Strings(map, "features");
            var operations = YamlReader.Text(map, "operations") ?? "medium";
            foreach (var unknown in clouds.Except(PluginMatrix.CloudNames))
            {
                problems.Add(new(path, line, $"plugin '{id}': unknown cloud '{unknown}' ({string.Join(", ", PluginMatrix.CloudNames)})"));
            }

            foreach (var unknown in features.Except(PluginMatrix.FeatureNames))
            {
                problems.Add(new(path, line, $"plugin '{id}': unknown feature '{unknown}' ({string.Join(", ", PluginMatrix.FeatureNames)})"));
            }

            if (!Operations.Contains(operations))
            {
                problems.Add(new(path, line, $"plugin '{id}': operations must be low, medium or high"));
            }

            var cells = new Dictionary<string, Cell>(StringComparer.Ordinal);
            if (YamlReader.Child(map, "cells") is YamlMappingNode cellMap)
            {
                foreach (var (key, value) in cellMap.Children)
                {
                    var dimension = ((YamlScalarNode)key).Value!;
                    var cellLine = YamlText.LineOf(key, 1);
                    if (dimensions.All(d => d.Id != dimension))
                    {
                        problems.Add(new(path, cellLine, $"plugin '{id}': unknown dimension '{dimension}'"));
                        continue;
                    }

                    if (value is not YamlMappingNode cell || reader.LocalOf(cell) is not { } text || YamlReader.Text(cell, "source") is not { } source)
                    {
                        problems.Add(new(path, cellLine, $"plugin '{id}', '{dimension}': a cell needs 'en', 'zh' and 'source'"));
                        continue;
                    }

                    if (!SourceExists(source, anchors))
                    {
                        problems.Add(new(path, cellLine, $"plugin '{id}', '{dimension}': source '{source}' is neither a knowledge section (id#anchor) nor an https URL"));
                    }

                    cells[dimension] = new Cell(text, source);
                }
            }

            foreach (var missing in dimensions.Where(d => !cells.ContainsKey(d.Id)))
            {
                problems.Add(new(path, line, $"plugin '{id}' has no cell for '{missing.Id}'"));
            }

            if (plugins.Any(p => p.Id == id))
            {
                problems.Add(new(path, line, $"duplicate plugin id '{id}'"));
            }

            plugins.Add(new PluginEntry
            {
                Id = id,
                Name = name,
                Aliases = [.. YamlReader.Strings(map, "aliases").Select(a => a.ToLowerInvariant())],
                Clouds = clouds,
                Features = features,
                Operations = operations,
                Cells = cells,
                Line = line,
            });
        }

        return (dimensions, plugins);
    }

    internal static List<FabricRule> ReadRules(string yaml, string path, IReadOnlySet<string> anchors, IReadOnlySet<string> pluginIds, List<KnowledgeDiagnostic> problems)
    {
        var rules = new List<FabricRule>();
        if (YamlText.LoadRoot(yaml, 1, path, problems, "the rules") is not YamlMappingNode root)
        {
            return rules;
        }

        var reader = new YamlReader(path, 1, problems);

        foreach (var node in reader.Items(root, "rules"))
        {
            var line = YamlText.LineOf(node, 1);
            if (node is not YamlMappingNode map || YamlReader.Text(map, "id") is not { } id || YamlReader.Text(map, "severity") is not { } severity
                || reader.LocalOf(map) is not { } text || YamlReader.Text(map, "source") is not { } source)
            {
                problems.Add(new(path, line, "a rule needs id, severity, 'en', 'zh' and source"));
                continue;
            }

            var when = YamlReader.Child(map, "when") as YamlMappingNode;
            var rule = new FabricRule
            {
                Id = id,
                Severity = severity,
                Text = text,
                Source = source,
                Clouds = when is null ? [] : YamlReader.Strings(when, "clouds"),
                Plugins = when is null ? [] : YamlReader.Strings(when, "plugins"),
                Needs = when is null ? [] : YamlReader.Strings(when, "needs"),
                CrossRegion = when is not null && YamlReader.Text(when, "cross-region") == "true",
                Line = line,
            };
            if (!Severities.Contains(severity))
            {
                problems.Add(new(path, line, $"rule '{id}': severity must be info, warning or unsupported"));
            }

            foreach (var unknown in rule.Plugins.Where(p => !pluginIds.Contains(p)))
            {
                problems.Add(new(path, line, $"rule '{id}': unknown plugin '{unknown}'"));
            }

            foreach (var unknown in rule.Clouds.Except(PluginMatrix.CloudNames).Concat(rule.Needs.Except(PluginMatrix.Needs)))
            {
                problems.Add(new(path, line, $"rule '{id}': unknown cloud or need '{unknown}'"));
            }

            if (!SourceExists(source, anchors))
            {
                problems.Add(new(path, line, $"rule '{id}': source '{source}' is neither a knowledge section (id#anchor) nor an https URL"));
            }

            rules.Add(rule);
        }

        return rules;
    }

    private static bool SourceExists(string source, IReadOnlySet<string> anchors) =>
        anchors.Contains(source) || (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
}
