using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CniBot.Bot.Slack;
using CniBot.Conversation;
using CniBot.Knowledge;
using CniBot.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace CniBot.Tests;

/// <summary>
/// deploy/docker and deploy/kubernetes describe the host as it is: its port, endpoints, settings, assembly and the
/// publish command that ./test.sh runs too.
/// </summary>
public sealed class DeploymentTests(DeploymentTests.ProductionHost host) : IClassFixture<DeploymentTests.ProductionHost>
{
    private static readonly string Kubernetes = Path.Combine(Repository.Root, "deploy", "kubernetes");
    private static readonly string DockerfilePath = Path.Combine(Repository.Root, "deploy", "docker", "Dockerfile");

    /// <summary>
    /// Settings the in-memory production host below leaves out: there is no in-cluster Redis here (with it set but
    /// unreachable the host would rightly be unready). The scale-out tests run the host against a real Redis.
    /// </summary>
    private static readonly string[] ClusterOnlyKeys = ["Storage:Redis"];

    [Fact]
    public void Kustomization_ListsEveryResource_EachWithApiVersionKindAndName()
    {
        var resources = Resources();

        Assert.Equal(
            ["ConfigMap", "Deployment", "Deployment", "Namespace", "NetworkPolicy", "NetworkPolicy", "PodDisruptionBudget", "Service", "Service"],
            resources.Select(r => Scalar(r, "kind")).Order(StringComparer.Ordinal));
        Assert.All(resources, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(Scalar(r, "apiVersion")));
            Assert.False(string.IsNullOrWhiteSpace(Scalar(r, "metadata", "name")));
        });
        Assert.Equal("cnibot", Scalar(Single(resources, "Namespace"), "metadata", "name"));

        // No manifest in the folder is forgotten by the kustomization, and the credentials' example is not applied: a
        // re-apply would blank real credentials.
        var listed = Sequence(Yaml(Path.Combine(Kubernetes, "kustomization.yaml")).Single(), "resources");
        Assert.DoesNotContain(resources, r => Scalar(r, "kind") == "Secret");
        Assert.Equal(
            Directory.GetFiles(Kubernetes, "*.yaml").Select(Path.GetFileName).Where(f => f is not "kustomization.yaml" and not "secret.example.yaml").Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));

        // Where kubectl is installed, it renders the same resources into the namespace (a missing kubectl only
        // leaves this extra check out: everything above has run).
        if (Kubectl() is { } kubectl)
        {
            var rendered = Render(kubectl);
            Assert.Equal(resources.Select(r => Scalar(r, "kind")).Order(StringComparer.Ordinal), rendered.Select(r => Scalar(r, "kind")).Order(StringComparer.Ordinal));
            Assert.All(rendered.Where(r => Scalar(r, "kind") != "Namespace"), r => Assert.Equal("cnibot", Scalar(r, "metadata", "namespace")));
        }
    }

    [Fact]
    public void Deployment_ListensOnTheHostsPort_AndTheServiceTargetsIt()
    {
        var resources = Resources();
        var deployment = Deployment(resources, "cnibot");
        var container = Container(deployment);
        var port = Assert.Single(Children(container, "ports").Cast<YamlMappingNode>(), p => Scalar(p, "name") == "http");

        var containerPort = int.Parse(Scalar(port, "containerPort"), CultureInfo.InvariantCulture);
        Assert.Equal("http", Scalar(port, "name"));
        Assert.Equal(PortOf(Settings(Path.Combine(Repository.Root, "appsettings.json"))["Urls"]!), containerPort);
        Assert.Equal(PortOf(ConfigMapSettings(resources)["Urls"]!), containerPort);
        Assert.Equal(PortOf(Dockerfile.Read().Final.Env["Urls"]), containerPort);
        Assert.Equal(containerPort.ToString(CultureInfo.InvariantCulture), Dockerfile.Read().Final.Single("EXPOSE"));
        Assert.Equal("3", Scalar(deployment, "spec", "replicas"));
        Assert.Equal("0", Scalar(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"));

        var service = Resources().Single(r => Scalar(r, "kind") == "Service" && Scalar(r, "metadata", "name") == "cnibot");
        Assert.Equal("ClusterIP", Scalar(service, "spec", "type"));
        var servicePort = (YamlMappingNode)Assert.Single(Children(service, "spec", "ports"));
        Assert.Equal("80", Scalar(servicePort, "port"));
        Assert.Equal("http", Scalar(servicePort, "targetPort"));
        Assert.True(Selects(Labels(service, "spec", "selector"), PodLabels(deployment)));
    }

    [Fact]
    public async Task Probes_AskTheHostsHealthAndReadinessEndpoints_WhichAnswer200()
    {
        var container = Container(Deployment(Resources(), "cnibot"));

        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", Scalar(container, "startupProbe", "httpGet", "path"));
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            Assert.Equal("http", Scalar(container, probe, "httpGet", "port"));

            // Asked the way the kubelet asks: with the probe's own headers (its Host among AllowedHosts).
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Scalar(container, probe, "httpGet", "path"), UriKind.Relative));
            foreach (var header in Children(container, probe, "httpGet", "httpHeaders").Cast<YamlMappingNode>())
            {
                request.Headers.TryAddWithoutValidation(Scalar(header, "name"), Scalar(header, "value"));
            }

            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task AllowedHosts_IsSet_AndAnotherHostGets400()
    {
        var allowed = ConfigMapSettings(Resources())["AllowedHosts"]!.Split(';');
        Assert.DoesNotContain("*", allowed);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative));
        request.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.SendAsync(request)).StatusCode);
        using var named = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative));
        named.Headers.Host = allowed[0];
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(named)).StatusCode);
    }

    [Fact]
    public async Task PrometheusAnnotations_PointAtMetricsOnAPortOfItsOwn()
    {
        var resources = Resources();
        var deployment = Deployment(resources, "cnibot");
        var ports = Children(Container(deployment), "ports").Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => Scalar(p, "containerPort"));

        Assert.Equal("true", Scalar(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/scrape"));
        Assert.Equal(ports["metrics"], Scalar(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
        Assert.Equal(ports["metrics"], ConfigMapSettings(resources)["Metrics:Port"]);
        Assert.Equal("/metrics", Scalar(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/path"));

        // The Service exposes the bot's port only.
        var service = resources.Single(r => Scalar(r, "kind") == "Service" && Scalar(r, "metadata", "name") == "cnibot");
        Assert.Equal(["http"], Children(service, "spec", "ports").Cast<YamlMappingNode>().Select(p => Scalar(p, "targetPort")));

        // In the cluster the metrics listener takes every interface and Host ('+', from Urls), outside AllowedHosts;
        // here it serves /metrics on a free loopback port, and not with the rest.
        Assert.Equal("+", CniBot.Host.MetricsServerService.ListenHostname(ConfigMapSettings(resources)["Urls"]));
        using var scrape = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await scrape.GetStringAsync(new Uri($"http://127.0.0.1:{host.MetricsPort}/metrics"));
        Assert.Contains("cnibot_index_sections", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void Images_ArePinnedToAVersion()
    {
        var images = Resources().Where(r => Scalar(r, "kind") == "Deployment").Select(d => Scalar(Container(d), "image")).ToArray();

        Assert.Equal(2, images.Length);
        Assert.All(images, image => Assert.Matches(@"^[a-z0-9./-]+:\d+\.\d+\.\d+(-[a-z0-9]+)?$|@sha256:[0-9a-f]{64}$", image));
    }

    [Fact]
    public void BotPods_AreFencedByANetworkPolicy()
    {
        var resources = Resources();
        var deployment = Deployment(resources, "cnibot");
        var policy = Assert.Single(resources, r => Scalar(r, "kind") == "NetworkPolicy" && Scalar(r, "metadata", "name") == "cnibot");
        var ports = Children(Container(deployment), "ports").Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => Scalar(p, "containerPort"));

        // It selects the bot's pods, restricts both directions, and lets in only its own ports: the bot's from the
        // ingress controller, the metrics port from Prometheus's namespace.
        Assert.Equal(PodLabels(deployment), Labels(policy, "spec", "podSelector", "matchLabels"));
        Assert.Equal(["Egress", "Ingress"], Children(policy, "spec", "policyTypes").Cast<YamlScalarNode>().Select(n => n.Value!).Order(StringComparer.Ordinal));
        var ingress = Children(policy, "spec", "ingress").Cast<YamlMappingNode>()
            .ToDictionary(rule => string.Join(",", Children(rule, "from").Cast<YamlMappingNode>().Select(f => Scalar(f, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))),
                rule => string.Join(",", Children(rule, "ports").Cast<YamlMappingNode>().Select(p => Scalar(p, "port"))));
        Assert.Equal(new Dictionary<string, string> { ["ingress-nginx"] = ports["http"], ["monitoring"] = ports["metrics"] }, ingress);

        // Out: DNS, Redis's pods on Redis's port, and 443 to public addresses only (no private or metadata range).
        var egress = Children(policy, "spec", "egress").Cast<YamlMappingNode>().ToList();
        var redis = Deployment(resources, "redis");
        Assert.Contains(egress, rule => Children(rule, "to").Cast<YamlMappingNode>().Any(t => t.Children.ContainsKey(new YamlScalarNode("podSelector")) && Labels(t, "podSelector", "matchLabels").SequenceEqual(PodLabels(redis)))
            && Children(rule, "ports").Cast<YamlMappingNode>().Any(p => Scalar(p, "port") == "6379"));
        Assert.Contains(egress, rule => Children(rule, "ports").Cast<YamlMappingNode>().Any(p => Scalar(p, "port") == "53"));
        var https = Assert.Single(egress, rule => Children(rule, "ports").Cast<YamlMappingNode>().Any(p => Scalar(p, "port") == "443"));
        var except = Children((YamlMappingNode)Children(https, "to").Single(), "ipBlock", "except").Cast<YamlScalarNode>().Select(n => n.Value).ToArray();
        Assert.Contains("169.254.0.0/16", except);
        Assert.Contains("10.0.0.0/8", except);
    }

    [Fact]
    public void SettingsAndCredentials_AreKeysTheHostBinds()
    {
        var resources = Resources();
        var known = KnownKeys();
        var secret = Single(Yaml(Path.Combine(Kubernetes, "secret.example.yaml")), "Secret");
        var credentials = ((YamlMappingNode)Node(secret, "stringData")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!.Replace("__", ":", StringComparison.Ordinal));
        var configured = ConfigMapSettings(resources).Keys.Concat(credentials).Concat(Dockerfile.Read().Final.Env.Keys).ToArray();

        Assert.All(configured, key => Assert.True(
            known.Contains(key) || key.StartsWith("Logging:LogLevel:", StringComparison.OrdinalIgnoreCase),
            $"'{key}' is not a setting the host reads (appsettings.json or an Options class under src/)"));
        Assert.Equal(["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType", "Slack:AppToken", "Slack:BotToken", "Slack:SigningSecret"], credentials.Order(StringComparer.Ordinal));
        Assert.Equal("redis:6379", ConfigMapSettings(resources)["Storage:Redis"]);

        // The bundled Redis evicts only keys that expire anyway, never the feedback log (which has no TTL).
        var redisArgs = Children(Container(Deployment(resources, "redis")), "args").Cast<YamlScalarNode>().Select(a => a.Value).ToList();
        Assert.Equal("volatile-lru", redisArgs[redisArgs.IndexOf("--maxmemory-policy") + 1]);
        // ... and keeps what it acknowledged across a restart (an append-only file on the pod's volume).
        Assert.Equal("yes", redisArgs[redisArgs.IndexOf("--appendonly") + 1]);
        Assert.Contains(resources, r => Scalar(r, "kind") == "Service" && Scalar(r, "metadata", "name") == "redis" && Scalar((YamlMappingNode)Children(r, "spec", "ports").Single(), "port") == "6379");

        // The Deployment reads its credentials from the same Secret.
        var envFrom = (YamlMappingNode)Assert.Single(Children(Container(Deployment(resources, "cnibot")), "envFrom"));
        Assert.Equal(Scalar(secret, "metadata", "name"), Scalar(envFrom, "secretRef", "name"));
    }

    [Fact]
    public async Task ConfigMapSettings_StartTheHost()
    {
        Assert.Equal("ready", await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));

        // Production answers at the thresholds the development set calibrates, the ones appsettings.json carries.
        var options = host.Factory.Services.GetRequiredService<IOptions<SearchOptions>>().Value;
        foreach (var (key, bound) in new[] { ("Search:MinConfidence", options.MinConfidence), ("Search:MinConfidenceZh", options.MinConfidenceZh) })
        {
            var configured = double.Parse(ConfigMapSettings(Resources())[key]!, CultureInfo.InvariantCulture);
            Assert.Equal(Settings(Path.Combine(Repository.Root, "appsettings.json"))[key], ConfigMapSettings(Resources())[key]);
            Assert.Equal(configured, bound);
        }
    }

    [Fact]
    public void ContainerPaths_MatchTheImage()
    {
        var resources = Resources();
        var container = Container(Deployment(resources, "cnibot"));
        var mounts = Children(container, "volumeMounts").Cast<YamlMappingNode>().ToDictionary(m => Scalar(m, "mountPath"), m => Scalar(m, "name"));
        var volumes = Children(Deployment(resources, "cnibot"), "spec", "template", "spec", "volumes").Cast<YamlMappingNode>().ToDictionary(v => Scalar(v, "name"));
        var image = Dockerfile.Read().Final;
        var settings = ConfigMapSettings(resources);

        // The ConfigMap's file replaces the one the image bakes in, where AppSettingsFile finds it.
        Assert.Equal(image.CopiedTo("appsettings.json"), Assert.Single(mounts, m => m.Value == "settings").Key);
        Assert.Equal(image.CopiedTo("knowledge/"), settings["Knowledge:Path"]);
        Assert.Equal($"{image.WorkDir}/{CniBot.Hosting.AppSettingsFile.FileName}", image.CopiedTo("appsettings.json"));
        Assert.True(volumes[mounts[settings["Data:Path"]!]].Children.ContainsKey("emptyDir"));
        Assert.True(volumes[mounts["/tmp"]].Children.ContainsKey("emptyDir"));
    }

    [Fact]
    public void DisruptionBudget_SelectsTheBotsPods_AndOnlyThem()
    {
        var resources = Resources();
        var bot = Deployment(resources, "cnibot");
        var budget = Single(resources, "PodDisruptionBudget");
        var selector = Labels(budget, "spec", "selector", "matchLabels");

        Assert.True(Selects(selector, PodLabels(bot)));
        Assert.False(Selects(selector, PodLabels(Deployment(resources, "redis"))));
        Assert.Equal(Labels(bot, "spec", "selector", "matchLabels"), selector);
        Assert.InRange(int.Parse(Scalar(budget, "spec", "minAvailable"), CultureInfo.InvariantCulture), 1, int.Parse(Scalar(bot, "spec", "replicas"), CultureInfo.InvariantCulture) - 1);
        Assert.Equal("cnibot", PodLabels(bot)["app.kubernetes.io/name"]);
    }

    [Theory]
    [InlineData("cnibot")]
    [InlineData("redis")]
    public void Pods_RunAsNonRoot_OnAReadOnlyRootFilesystem(string name)
    {
        var deployment = Deployment(Resources(), name);
        var container = Container(deployment);

        Assert.Equal("true", Scalar(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", Scalar(deployment, "spec", "template", "spec", "securityContext", "runAsUser"));
        Assert.Equal("true", Scalar(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(container, "securityContext", "allowPrivilegeEscalation"));
        Assert.True(((YamlMappingNode)Node(container, "resources")).Children.ContainsKey("requests"));
        Assert.NotNull(Scalar(container, "resources", "limits", "memory"));
    }

    [Fact]
    public void Dockerfile_BuildsWithTheSdk_AndRunsTheHostAsNonRootOnItsPort()
    {
        var dockerfile = Dockerfile.Read();

        Assert.True(dockerfile.Stages.Count >= 2, "a build stage and a runtime stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stages[0].Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.Final.Image, StringComparison.Ordinal);
        Assert.Contains(dockerfile.Final.All("COPY"), c => c.StartsWith($"--from={dockerfile.Stages[0].Name} /app ", StringComparison.Ordinal));

        // The base image's 'app' user: $APP_UID is 1654 there.
        var user = dockerfile.Final.Single("USER");
        Assert.True(user is "$APP_UID" or "${APP_UID}" || (int.TryParse(user, CultureInfo.InvariantCulture, out var uid) && uid != 0), $"USER {user} is not a numeric non-root user");

        var entrypoint = JsonSerializer.Deserialize<string[]>(dockerfile.Final.Single("ENTRYPOINT"))!;
        Assert.Equal(["dotnet", HostAssemblyName() + ".dll"], entrypoint);
        Assert.Equal(HostAssemblyName(), typeof(Program).Assembly.GetName().Name);

        Assert.Equal("/app/knowledge", dockerfile.Final.CopiedTo("knowledge/"));
        Assert.Equal("/app/appsettings.json", dockerfile.Final.CopiedTo("appsettings.json"));
        Assert.Equal(3978, PortOf(dockerfile.Final.Env["Urls"]));
        Assert.Equal("3978", dockerfile.Final.Single("EXPOSE"));
    }

    [Fact]
    public void Dockerfile_PublishesWithTheCommandThatTestShRuns()
    {
        var inImage = Assert.Single(Dockerfile.Read().Stages[0].All("RUN"), r => r.StartsWith("dotnet publish ", StringComparison.Ordinal));
        var inTests = Assert.Single(File.ReadAllLines(Path.Combine(Repository.Root, "test.sh")), l => l.StartsWith("dotnet publish ", StringComparison.Ordinal));

        Assert.Equal("dotnet publish src/CniBot.Host -c Release -o /app", inImage);
        // Everything up to the output folder is the same, byte for byte; test.sh publishes into artifacts/ (ignored by git).
        Assert.Equal(BeforeOutput(inImage), BeforeOutput(inTests));
        Assert.StartsWith(BeforeOutput(inImage) + " -o artifacts/", inTests, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_CopiesEveryProjectTheHostNeeds_BeforeItRestores()
    {
        // The restore layer sees only the project files copied before it: each project the host references, however
        // indirectly, must be among them or `dotnet restore` fails inside the image.
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(["src/CniBot.Host/CniBot.Host.csproj"]);
        while (pending.TryPop(out var project))
        {
            if (!needed.Add(project))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(project)!;
            foreach (var reference in System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, project)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Repository.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'));
            }
        }

        var build = Dockerfile.Read().Stages[0];
        var beforeRestore = build.Instructions.TakeWhile(i => !(i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal)))
            .Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToHashSet(StringComparer.Ordinal);
        Assert.All(needed.Where(p => p != "src/CniBot.Host/CniBot.Host.csproj"), p => Assert.Contains(p, beforeRestore));
        Assert.Contains("src/CniBot.Host/CniBot.Host.csproj", beforeRestore);
    }

    [Fact]
    public void DockerIgnore_KeepsWhatTheImageNeeds_AndLeavesOutBuildOutput()
    {
        var patterns = File.ReadAllLines(Path.Combine(Repository.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        string[] needed = ["src/CniBot.Host/Program.cs", "src/CniBot.Core/CniBot.Core.csproj", "knowledge/en/calico.md", "appsettings.json", "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

        Assert.All(needed, path => Assert.DoesNotContain(patterns, p => Ignores(p, path)));
        Assert.All(needed.Where(p => !p.EndsWith(".csproj", StringComparison.Ordinal)), path => Assert.True(File.Exists(Path.Combine(Repository.Root, path)), path));
        Assert.All(["src/CniBot.Host/bin/Release/x.dll", "src/CniBot.Core/obj/project.assets.json", "tests/CniBot.Host.Tests/DeploymentTests.cs", ".git"], path => Assert.Contains(patterns, p => Ignores(p, path)));
    }

    /// <summary>
    /// The host started with the ConfigMap's settings (its container paths moved to this machine's knowledge/ and a
    /// temp folder): the probes and the metrics scrape are asked of it.
    /// </summary>
    public sealed class ProductionHost : HostFixture
    {
        /// <summary>Where this host serves <c>/metrics</c>: the ConfigMap's <c>Metrics:Port</c> moved to a free loopback port.</summary>
        public int MetricsPort { get; } = LoopbackPorts.Free();

        protected override Dictionary<string, string?> Settings(string dataFolder)
        {
            var settings = ConfigMapSettings(Resources())
                .Where(s => !ClusterOnlyKeys.Contains(s.Key, StringComparer.OrdinalIgnoreCase))
                .ToDictionary(s => s.Key, s => s.Value);
            settings["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge;
            settings["Data:Path"] = dataFolder;
            settings["Urls"] = "http://127.0.0.1:0"; // all interfaces in the cluster; loopback only here
            settings["Metrics:Port"] = MetricsPort.ToString(CultureInfo.InvariantCulture);
            return settings;
        }
    }

    // ---- Kubernetes manifests ----

    private static List<YamlMappingNode> Resources()
    {
        var kustomization = Yaml(Path.Combine(Kubernetes, "kustomization.yaml")).Single();
        return [.. Sequence(kustomization, "resources").SelectMany(file => Yaml(Path.Combine(Kubernetes, file)))];
    }

    private static IEnumerable<YamlMappingNode> Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>();
    }

    private static YamlMappingNode Single(IEnumerable<YamlMappingNode> resources, string kind) => Assert.Single(resources, r => Scalar(r, "kind") == kind);

    private static YamlMappingNode Deployment(IEnumerable<YamlMappingNode> resources, string name) =>
        Assert.Single(resources, r => Scalar(r, "kind") == "Deployment" && Scalar(r, "metadata", "name") == name);

    private static YamlMappingNode Container(YamlMappingNode deployment) =>
        (YamlMappingNode)Assert.Single(Children(deployment, "spec", "template", "spec", "containers"));

    private static Dictionary<string, string> PodLabels(YamlMappingNode deployment) => Labels(deployment, "spec", "template", "metadata", "labels");

    private static Dictionary<string, string> Labels(YamlMappingNode root, params string[] path) =>
        ((YamlMappingNode)Node(root, path)).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    private static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>The ConfigMap's appsettings.json as configuration keys (<c>Knowledge:Path</c>), the way the host reads it.</summary>
    private static Dictionary<string, string?> ConfigMapSettings(IEnumerable<YamlMappingNode> resources)
    {
        var configMap = Single(resources, "ConfigMap");
        using var json = JsonDocument.Parse(Scalar(configMap, "data", "appsettings.json"));
        return Flatten(json.RootElement);
    }

    private static Dictionary<string, string?> Settings(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return Flatten(json.RootElement);
    }

    private static Dictionary<string, string?> Flatten(JsonElement root)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
                }
            }
            else
            {
                keys[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
            }
        }

        Walk(root, string.Empty);
        return keys;
    }

    /// <summary>
    /// The settings the host reads: the keys of the root appsettings.json, and every settable property of the Options
    /// classes it binds (each names its section in a <c>SectionName</c> constant).
    /// </summary>
    private static HashSet<string> KnownKeys()
    {
        var known = new HashSet<string>(Settings(Path.Combine(Repository.Root, "appsettings.json")).Keys, StringComparer.OrdinalIgnoreCase);
        var sections = new[] { typeof(KnowledgeOptions).Assembly, typeof(SlackOptions).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true })
            .Select(t => (t.Type, Section: (string)t.Field!.GetRawConstantValue()!));
        foreach (var (type, section) in sections)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                known.Add($"{section}:{property.Name}");
            }
        }

        return known;
    }

    private static int PortOf(string urls)
    {
        var match = Regex.Match(urls, @"^https?://[^/;]+:(\d+)/?$");
        Assert.True(match.Success, $"'{urls}' is not one http URL with a port");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string? Kubectl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);

    private static List<YamlMappingNode> Render(string kubectl)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Kubernetes);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("kubectl kustomize did not finish within 30 s");
        }

        Assert.True(process.ExitCode == 0, $"kubectl kustomize exited {process.ExitCode}: {errors.Result}");
        var stream = new YamlStream();
        stream.Load(new StringReader(output.Result));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    private static YamlNode Node(YamlMappingNode root, params string[] path) =>
        path.Aggregate((YamlNode)root, (node, key) => ((YamlMappingNode)node)[key]);

    private static string Scalar(YamlMappingNode root, params string[] path) => ((YamlScalarNode)Node(root, path)).Value!;

    private static IList<YamlNode> Children(YamlMappingNode root, params string[] path) => ((YamlSequenceNode)Node(root, path)).Children;

    private static string[] Sequence(YamlMappingNode root, params string[] path) => [.. Children(root, path).Select(c => ((YamlScalarNode)c).Value!)];

    // ---- Dockerfile and build ----

    private static string HostAssemblyName()
    {
        var project = Path.Combine(Repository.Root, "src", "CniBot.Host", "CniBot.Host.csproj");
        var assemblyName = System.Xml.Linq.XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault();
        return assemblyName ?? Path.GetFileNameWithoutExtension(project);
    }

    private static string BeforeOutput(string command)
    {
        var at = command.IndexOf(" -o ", StringComparison.Ordinal);
        Assert.True(at > 0, $"'{command}' names no output folder");
        return command[..at];
    }

    /// <summary>A .dockerignore pattern (Go filepath.Match with <c>**</c>): does it leave <paramref name="path"/> out?</summary>
    private static bool Ignores(string pattern, string path)
    {
        var regex = "^" + Regex.Escape(pattern.TrimEnd('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "(/.*)?$";
        return Regex.IsMatch(path, regex);
    }

    /// <summary>The instructions of deploy/docker/Dockerfile, stage by stage (continuation lines joined, comments dropped).</summary>
    private sealed record Dockerfile(List<Stage> Stages)
    {
        public Stage Final => Stages[^1];

        public static Dockerfile Read()
        {
            var stages = new List<Stage>();
            var logical = string.Join('\n', File.ReadAllLines(DockerfilePath).Where(l => !l.TrimStart().StartsWith('#')))
                .Replace("\\\n", " ", StringComparison.Ordinal)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var line in logical)
            {
                var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
                var (keyword, arguments) = (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : string.Empty);
                if (keyword == "FROM")
                {
                    var from = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    stages.Add(new Stage(from[0], from.Length == 3 && from[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? from[2] : null));
                }
                else
                {
                    Assert.NotEmpty(stages);
                    stages[^1].Instructions.Add((keyword, arguments));
                }
            }

            return new Dockerfile(stages);
        }
    }

    private sealed record Stage(string Image, string? Name)
    {
        public List<(string Keyword, string Arguments)> Instructions { get; } = [];

        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        public string Single(string keyword) => Assert.Single(All(keyword));

        public string WorkDir => Single("WORKDIR").TrimEnd('/');

        /// <summary><c>ENV key=value</c> pairs (one per instruction, as the Dockerfile writes them).</summary>
        public Dictionary<string, string> Env => All("ENV").Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('"'));

        /// <summary>Where a COPY from the build context puts <paramref name="source"/> in the image.</summary>
        public string CopiedTo(string source)
        {
            var copy = Assert.Single(All("COPY").Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)), c => !c[0].StartsWith("--", StringComparison.Ordinal) && c.Take(c.Length - 1).Contains(source));
            var destination = copy[^1] is "." or "./" ? WorkDir + "/" : copy[^1].StartsWith('/') ? copy[^1] : $"{WorkDir}/{copy[^1].TrimStart('.', '/')}";
            // A folder's contents go into the destination; a file into a destination ending in '/' keeps its name.
            var isFolder = Directory.Exists(Path.Combine(Repository.Root, source));
            return (isFolder || !destination.EndsWith('/') ? destination : destination + source).TrimEnd('/');
        }
    }
}
