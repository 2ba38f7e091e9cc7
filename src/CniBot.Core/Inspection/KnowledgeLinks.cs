namespace CniBot.Inspection;

/// <summary>The knowledge sections findings cite (<c>id#anchor</c> of the English documents); a test holds that each exists.</summary>
internal static class KnowledgeLinks
{
    public const string BgpPeersDown = "troubleshooting#why-are-calico-bgp-peers-down-and-how-do-i-check-tcp-179";
    public const string CloudBgpAutodetection = "kube-proxy#calico-node-never-becomes-ready-on-cloud-servers-which-bgp-port-and-ip-autodetection-setting-do-i-check";
    public const string NoPeers = "calico#calicoctl-node-status-says-no-ipv4-peers-found-and-pods-work-only-on-their-own-node-why-is-there-no-bgp-mesh";
    public const string DuplicateHostnames = "calico#every-calico-node-has-the-same-name-localhostlocaldomain-and-there-are-no-bgp-peers-how-do-i-fix-duplicate-hostnames";
    public const string ConntrackFull = "troubleshooting#how-do-i-confirm-and-fix-a-full-conntrack-table-nf_conntrack-table-full-dropping-packet";
    public const string ConntrackSizing = "kube-proxy#how-does-kube-proxy-compute-nf_conntrack_max-from-conntrackmaxpercore-and-conntrackmin-and-how-do-i-change-it";
    public const string DnsConntrackRace = "dns#why-do-pod-dns-lookups-stall-for-exactly-5-seconds-and-how-do-i-prove-it-is-the-conntrack-race";
    public const string VerifyPathMtu = "mtu#how-do-i-verify-the-path-mtu-with-ping-tracepath-and-ip-link";
    public const string CiliumUnreachable = "cilium#cilium-status-shows-nodes-as-unreachable-under-cluster-health-which-ports-does-cilium-health-need";
    public const string CniBinaries = "kube-proxy#failed-to-find-plugin-portmap-in-path-optcnibin-which-cni-binaries-are-missing";
    public const string FlannelPublicIp = "public-ip-nodes#how-do-i-make-flannel-announce-a-nodes-public-ip-behind-nat";
    public const string OverlayPorts = "troubleshooting#which-ports-must-security-groups-allow-for-vxlan-geneve-and-wireguard-overlays";

    public static IReadOnlyList<string> All { get; } = [BgpPeersDown, CloudBgpAutodetection, NoPeers, DuplicateHostnames, ConntrackFull, ConntrackSizing, DnsConntrackRace, VerifyPathMtu, CiliumUnreachable, OverlayPorts, CniBinaries, FlannelPublicIp];
}
