using System.Text.RegularExpressions;
using CniBot.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CniBot.Diagnosis.Flows;

/// <summary>
/// Reads and checks <c>knowledge/diagnostics/*.yaml</c>. Every problem is a <c>path:line</c> diagnostic; a flow
/// with problems is left out, the others load.
/// </summary>
public static class FlowLoader
{
    public const string Folder = "diagnostics";

    public static IReadOnlyList<Flow> Load(string knowledgeDirectory, string displayRoot, ICollection<KnowledgeDiagnostic> diagnostics, IReadOnlyCollection<string> calculators)
    {
        var folder = System.IO.Path.Combine(knowledgeDirectory, Folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var flows = new List<Flow>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var path = System.IO.Path.GetRelativePath(displayRoot, file).Replace('\\', '/');
            var problems = new List<KnowledgeDiagnostic>();
            var flow = Parse(File.ReadAllText(file), path, problems, calculators);
            foreach (var problem in problems)
            {
                diagnostics.Add(problem);
            }

            if (flow is not null && problems.Count == 0)
            {
                if (flows.Any(f => f.Id == flow.Id))
                {
                    diagnostics.Add(new(path, 1, $"duplicate flow id '{flow.Id}'"));
                    continue;
                }

                flows.Add(flow);
            }
        }

        return [.. flows.OrderBy(f => f.Order).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    internal static Flow? Parse(string yaml, string path, ICollection<KnowledgeDiagnostic> problems, IReadOnlyCollection<string> calculators)
    {
        if (YamlText.LoadRoot(yaml, 1, path, problems, "flow") is not YamlMappingNode root)
        {
            if (problems.Count == 0)
            {
                problems.Add(new(path, 1, "a flow must be a mapping with id, title, description, start and steps"));
            }

            return null;
        }

        var reader = new YamlReader(path, 1, problems);
        var id = reader.RequiredText(root, "id");
        var title = reader.Local(root, "title");
        var description = reader.Local(root, "description");
        var start = reader.RequiredText(root, "start");
        reader.AllowOnly(root, "id", "title", "description", "start", "order", "steps");
        var order = reader.Integer(root, "order") ?? 100;
        var steps = new Dictionary<string, FlowStep>(StringComparer.Ordinal);
        if (YamlReader.Child(root, "steps") is YamlSequenceNode list)
        {
            foreach (var node in list.Children)
            {
                if (ReadStep(node, reader, calculators) is { } step && !steps.TryAdd(step.Id, step))
                {
                    problems.Add(new(path, step.Line, $"duplicate step id '{step.Id}'"));
                }
            }
        }
        else
        {
            reader.Missing(root, "steps", "a list of steps");
        }

        if (id is null || title is null || description is null || start is null)
        {
            return null;
        }

        Check(path, problems, start, steps, root);
        return new Flow { Id = id, Title = title, Description = description, Start = start, Steps = steps, Path = path, Order = order };
    }

    private static FlowStep? ReadStep(YamlNode node, YamlReader reader, IReadOnlyCollection<string> calculators)
    {
        var line = YamlText.LineOf(node, 1);
        if (node is not YamlMappingNode map)
        {
            reader.Problem(line, "a step must be a mapping with id and type");
            return null;
        }

        var id = reader.RequiredText(map, "id");
        var typeText = reader.RequiredText(map, "type");
        if (id is null || typeText is null)
        {
            return null;
        }

        if (!Enum.TryParse<StepKind>(typeText, ignoreCase: true, out var kind))
        {
            reader.Problem(line, $"step '{id}': unknown type '{typeText}' (choice, number, text or result)");
            return null;
        }

        var step = new FlowStep
        {
            Id = id,
            Kind = kind,
            Line = line,
            Prompt = kind == StepKind.Result ? null : reader.Local(map, "prompt"),
            Variable = kind == StepKind.Result ? null : reader.RequiredText(map, "var"),
            Next = ReadNext(map, reader, required: kind != StepKind.Result),
        };

        switch (kind)
        {
            case StepKind.Choice:
                reader.AllowOnly(map, "id", "type", "prompt", "var", "choices", "next");
                var choices = new List<Choice>();
                if (YamlReader.Child(map, "choices") is YamlSequenceNode items)
                {
                    foreach (var item in items.Children)
                    {
                        if (ReadChoice(item, reader) is { } choice)
                        {
                            choices.Add(choice);
                        }
                    }
                }

                if (choices.Count == 0)
                {
                    reader.Problem(line, $"step '{id}': a choice step needs a list of choices");
                }

                return step with { Choices = choices };
            case StepKind.Number:
                reader.AllowOnly(map, "id", "type", "prompt", "var", "min", "max", "next");
                var min = reader.Integer(map, "min") ?? 0;
                var max = reader.Integer(map, "max") ?? int.MaxValue;
                if (min > max)
                {
                    reader.Problem(line, $"step '{id}': min {min} is larger than max {max}");
                }

                return step with { Min = min, Max = max };
            case StepKind.Text:
                reader.AllowOnly(map, "id", "type", "prompt", "var", "pattern", "error", "next");
                var pattern = reader.RequiredText(map, "pattern");
                if (pattern is not null)
                {
                    try
                    {
                        _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
                    }
                    catch (ArgumentException e)
                    {
                        reader.Problem(line, $"step '{id}': the pattern is not a valid regular expression: {e.Message}");
                    }
                }

                return step with { Pattern = pattern, PatternError = reader.Local(map, "error") };
            default:
                reader.AllowOnly(map, "id", "type", "calculator");
                var calculator = reader.RequiredText(map, "calculator");
                if (calculator is not null && !calculators.Contains(calculator))
                {
                    reader.Problem(line, $"step '{id}': unknown calculator '{calculator}' ({string.Join(", ", calculators)})");
                }

                return step with { Calculator = calculator };
        }
    }

    private static Choice? ReadChoice(YamlNode node, YamlReader reader)
    {
        var line = YamlText.LineOf(node, 1);
        if (node is not YamlMappingNode map)
        {
            reader.Problem(line, "a choice must be a mapping with value and label");
            return null;
        }

        reader.AllowOnly(map, "value", "label", "when", "set", "next");
        var value = reader.RequiredText(map, "value");
        var label = reader.Local(map, "label");
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlReader.Child(map, "set") is YamlMappingNode assignments)
        {
            foreach (var (key, assigned) in assignments.Children)
            {
                set[((YamlScalarNode)key).Value!] = (assigned as YamlScalarNode)?.Value ?? string.Empty;
            }
        }

        var next = YamlReader.Child(map, "next") is YamlScalarNode target ? target.Value : null;
        return value is null || label is null ? null : new Choice(value, label, ReadCondition(YamlReader.Child(map, "when"), reader), set, next);
    }

    private static List<Branch> ReadNext(YamlMappingNode map, YamlReader reader, bool required)
    {
        switch (YamlReader.Child(map, "next"))
        {
            case YamlScalarNode { Value: { Length: > 0 } target }:
                return [new Branch(Condition.Always, target)];
            case YamlSequenceNode branches:
                var result = new List<Branch>();
                foreach (var item in branches.Children.OfType<YamlMappingNode>())
                {
                    if (reader.RequiredText(item, "goto") is { } target)
                    {
                        result.Add(new Branch(ReadCondition(YamlReader.Child(item, "when"), reader), target));
                    }
                }

                return result;
            case null when required:
                // Choices may each carry their own next; Check reports a step that leads nowhere.
                return [];
            default:
                return [];
        }
    }

    private static Condition ReadCondition(YamlNode? node, YamlReader reader)
    {
        if (node is not YamlMappingNode map)
        {
            if (node is not null)
            {
                reader.Problem(YamlText.LineOf(node, 1), "'when' must map variables to a value or a list of values");
            }

            return Condition.Always;
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            values[((YamlScalarNode)key).Value!] = value switch
            {
                YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(v => v.Value ?? string.Empty).ToArray(),
                YamlScalarNode scalar => [scalar.Value ?? string.Empty],
                _ => [],
            };
        }

        return new Condition(values);
    }

    /// <summary>Every target exists, every step but results leads somewhere, every step can be reached.</summary>
    private static void Check(string path, ICollection<KnowledgeDiagnostic> problems, string start, Dictionary<string, FlowStep> steps, YamlNode root)
    {
        if (!steps.ContainsKey(start))
        {
            problems.Add(new(path, YamlText.LineOf(root, 1), $"start step '{start}' does not exist"));
            return;
        }

        foreach (var step in steps.Values)
        {
            var targets = step.Next.Select(b => b.Goto).Concat(step.Choices.Select(c => c.Next).OfType<string>()).ToArray();
            foreach (var target in targets.Where(t => !steps.ContainsKey(t)).Distinct())
            {
                problems.Add(new(path, step.Line, $"step '{step.Id}' leads to '{target}', which does not exist"));
            }

            var everyChoiceLeads = step.Kind == StepKind.Choice && step.Choices.Count > 0 && step.Choices.All(c => c.Next is not null);
            if (step.Kind != StepKind.Result && step.Next.Count == 0 && !everyChoiceLeads)
            {
                problems.Add(new(path, step.Line, $"step '{step.Id}' has no 'next'"));
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            var step = steps[id];
            foreach (var target in step.Next.Select(b => b.Goto).Concat(step.Choices.Select(c => c.Next).OfType<string>()))
            {
                if (steps.ContainsKey(target) && reached.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        foreach (var step in steps.Values.Where(s => !reached.Contains(s.Id)))
        {
            problems.Add(new(path, step.Line, $"step '{step.Id}' can never be reached"));
        }
    }
}
