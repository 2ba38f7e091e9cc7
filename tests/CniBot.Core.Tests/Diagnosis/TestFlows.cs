namespace CniBot.Tests.Diagnosis;

/// <summary>Small flows for the tests of the flow loader and the dialog engine.</summary>
internal static class TestFlows
{
    /// <summary>The smallest valid flow: one choice, then the MTU calculator.</summary>
    public const string Tiny = """
        id: tiny
        title: { en: Tiny, zh: 小 }
        description: { en: A tiny flow, zh: 一个小流程 }
        start: plugin
        steps:
          - id: plugin
            type: choice
            var: plugin
            prompt: { en: Which plugin?, zh: 哪个插件？ }
            choices:
              - { value: calico, label: { en: Calico, zh: Calico } }
            next: result
          - id: result
            type: result
            calculator: mtu
        """;

    /// <summary>
    /// <see cref="Tiny"/> with a second option (each setting <c>mode</c>) and a number step (the underlay MTU) before
    /// the result.
    /// </summary>
    public static string WithUnderlay { get; } = Tiny
        .Replace(
            "      - { value: calico, label: { en: Calico, zh: Calico } }",
            """
                  - { value: calico, label: { en: Calico, zh: Calico }, set: { mode: vxlan } }
                  - { value: flannel, label: { en: Flannel (VXLAN), zh: Flannel（VXLAN） }, set: { mode: vxlan } }
            """,
            StringComparison.Ordinal)
        .Replace(
            "    next: result\n",
            """
                next: underlay
              - id: underlay
                type: number
                var: underlay
                min: 576
                max: 9216
                prompt: { en: Underlay MTU?, zh: 底层 MTU？ }
                next: result

            """,
            StringComparison.Ordinal);
}
