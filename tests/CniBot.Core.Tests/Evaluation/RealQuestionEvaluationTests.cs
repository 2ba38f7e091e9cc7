using System.Globalization;
using CniBot.Evaluation;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;
using Xunit.Abstractions;

namespace CniBot.Tests.Evaluation;

/// <summary>
/// Answer quality on the development set of real users' questions (TestData/Evaluation/real.yaml), through the same
/// search as chat. The floors are what the product achieved when they were last raised: they may only go up, so a
/// change that loses answers fails here. <c>cnibot eval --set real</c> prints the same figures with the misses.
/// </summary>
public sealed class RealQuestionEvaluationTests(ITestOutputHelper output)
{
    // Raise these when the product gets better; never lower them to let a change through.
    // DEVIATION(evaluation): the floors were rates (0.85 and 0.90 on the 211 questions collected first, then 0.72 and
    // 0.79 once 55 questions collected without looking at the knowledge joined, dev2-*). A rate falls whenever new
    // knowledge covers a question it does not yet rank first, which made covering more a failing change. They are now
    // counts of questions answered right (first, and in the top three) over a set that only grows: knowledge or search
    // that loses an answer fails, knowledge that covers more does not. Late on 2026-12-05 37 more questions collected
    // the same way joined (dev3-*: 8 of their 25 covered ones right first before any change for them); sections written
    // for five of them, and a Kube-OVN document for five more, brought these to 179 and 198 of 264 covered. Then 29 more
    // (dev4-*: 5 of their 20 covered ones right first, 9 in the top three, the naive baseline 9): 184 and 207 of 284;
    // sections written for six of those: 188 and 212 of 290. 2026-12-05, evening: two sections say more of what they
    // answer (189 and 213), and everyday words are damped by their spread over the sections (TermSpread): 195 and 217.
    // Then 30 more collected blind (dev5-*, 8 off topic besides): 17 covered, 4 right first and in the top three (the
    // naive baseline 5) before anything was changed for them: 199 and 221 of 307. Sections for 13 of their gaps: 204 and
    // 229 of 320; a hyphenated spelling of a known word (loop-back, node-port) searched as that word: 207 and 232;
    // kubectl version's output read as pasted output, not as names: 208 and 233. Then 31 more (dev6-*: 10 of their 23
    // covered, 2 right first, baseline 1, before anything was done for them), sections for 12 of their gaps, and the
    // threshold raised from 0.22 to 0.28 as the calibration asks once 50 off-topic questions are in the set (at 0.22
    // four were answered: Grafana, a Prometheus alert rule, an AKS ingress 404, cert-manager): 207 and 229 of 343.
    // 2026-12-06: dev7 and dev8 blind, per-language thresholds, neighbouring fields: 240 and 268 of 383. Then 47 more
    // of the blind dev9 batch (25 of their 41 on-topic ones covered; the whole batch scored 11/35 right first before
    // anything was done for it, the naive baseline 13/35): 248 and 278 of 408. Nine sections for its gaps: 252 and 286
    // of 418; the Chinese threshold raised from 0.22 to 0.27 because the calibration moved (F1 0.640 at 0.33, 0.630 at
    // 0.22, outside the tolerance; 0.631 at 0.27): 248 and 281 of 418. Two more sections: 248 and 281 of 419.
    // Later that day, runbooks and the dev10 batch: 276 and 312 of 449. Then 30 of the blind dev11 batch (its 30
    // on-topic questions across both files scored 7/22 covered right first before anything was done for it, the naive
    // baseline 7/22): 281 and 322 of 468. The Chinese threshold raised from 0.27 to 0.28 because the calibration moved
    // (at 0.27 only 35 of the 37 Chinese off-topic questions were declined): 280 and 321 of 468. Two sections for
    // gaps (CNIs over an existing WireGuard VPN, Calico advertising LoadBalancer IPs): 282 and 323 of 471. One for
    // nf_conntrack_ipv4 merged into nf_conntrack: 283 and 324 of 472. One for PodSecurityPolicy gone in 1.25 (old
    // Calico manifests): 284 and 325 of 473. Then 19 of the blind dev12 batch (its 20 on-topic questions across
    // both files scored 3/14 covered right first before anything was done for it, the naive baseline 3/14): 287 and
    // 332 of 484. Three sections for gaps (internal load balancers across regions, AKS pods to on-premises,
    // installing without kube-proxy for Cilium): 290 and 335 of 486. A Pod's fixed IP with Calico: 290 and
    // 335 of 487 (one more covered and right, one Chinese multi-NIC question declined at 0.27). Then 28 of the blind
    // dev13 batch (its 30 on-topic questions across both files scored 6/21 covered right first before anything was
    // done for it, the naive baseline 6/21) and the stems of negated auxiliaries (doesn, isn) as stop words: 295 and
    // 342 of 503. Four sections for dev13's gaps (IPVS idle timeout, GKE private-cluster webhooks, Cilium BGP Service
    // advertisements, switching the CNI with kubespray or kubeasz): 297 and 346 of 508. Then 30 of the blind dev14
    // batch (English; its 35 on-topic questions across both files scored 2/22 covered right first before anything
    // was done for it, the naive baseline 4/22), and HTTP status codes no longer anchoring a section: 298 and 349
    // of 526. Uname and k3s version lines as boilerplate, lone letters as noise: 299 and 351. Seven sections for
    // dev14's gaps, after which the English calibration moved from 0.26 to 0.20: 311 and 365 of 531. The Chinese
    // calibration back at 0.27: 313 and 367. kubenet's pod routes named as UDRs: 314 and 368 of 532.
    // Misspellings of common words read as those words: 315 and 369. Then 44 of the blind dev15 batch (34 on-topic
    // questions scored 8/34 covered right first before anything was done for them, the naive baseline 10/34): 322 and
    // 377 of 555; seventeen sections for its gaps: 328 and 387 of 572. Then 34 of the blind dev16 batch (7/23 before,
    // baseline 6/23): 335 and 394 of 591; eight sections for its gaps, after which an English off-topic question rose
    // to 0.2004 and the English threshold moved from 0.20 to 0.21 (F1 within 0.01 of the best, 95.5 % declined):
    // 335 and 396 of 599. Three sections on KubeEdge's CoreDNS placement and Spiderpool: 340 and 402 of 601.
    // DEVIATION(evaluation): the top-3 floor came down once, from 402 to 393, with the fitted re-ranking weights
    // (RerankFeatures) and the subjects share: ranked before any threshold, the development set gained in both
    // (top-1 362 -> 379, top-3 441 -> 444; held-out 53 -> 56 and 77 -> 84), but the new first candidates answered an
    // off-topic HPA question at 0.2263, so the English calibration moved from 0.21 to 0.23, and at 0.23 fewer
    // questions are answered at all: 346 right first (+6) and 393 in the top three (-9) of 601; held-out 45 -> 46 and
    // 65 -> 68. Top-3 here counts answered questions only, so it pays for every threshold step. The three SuperEdge
    // sections held back until then (their HPA question is declined at 0.23): 350 and 395 of 604. Then 29 of the
    // blind dev17 batch (its 34 on-topic questions across both files scored 9/24 covered right first before anything
    // was done for it, the hand-set re-ranking 10/24, the naive baseline 11/24): 354 and 403 of 619. Six sections
    // for its gaps (terraform-aws-eks node security groups, EKS AMI clusterDNS, the MTU of docker:dind, AKS kubenet
    // with Application Gateway, two kube-proxy wordings): 359 and 414 of 625. Then 24 of the blind dev18 batch
    // (English; its 24 on-topic questions across both files scored 3/14 covered right first before anything was done
    // for it, the hand-set re-ranking 1/14, the naive baseline 3/14): 361 and 416 of 635; one of its off-topic
    // questions (Prometheus alerts that stay pending, 0.35) left 0.23 declining 94.5 % of the English off-topic
    // questions, and the English calibration moved to 0.26: 352 and 406 of 635. Seven sections for dev18's gaps
    // (firewalld and Calico's interfaces, Talos host DNS with Cilium, flannel's cniVersion on 1.16, linkerd-init and
    // iptables-nft, Hetzner CCM routes, kops kubenet with private topology, istio-cni on K3s): 359 and 415 of 643.
    // A neighbouring field named only in the body, under an opening that names nothing of the knowledge's, no longer
    // anchors; the English calibration moved back to 0.23: 365 and 422 of 643. Later that day, helper sessions added
    // sourced facts and askers' wordings of symptoms to the sections these questions reach, and a few sections (CoreDNS
    // HINFO timeouts, K3s's upstream DNS, Calico VXLAN checksum offload, Weave's IPALLOC_RANGE, changing the Service
    // CIDR); the calibration moved to 0.22 English, 0.21 Chinese: 456 and 495 of 644 (held-out only 56 -> 60). A second
    // such pass: 504 and 534 of 644. Then the blind dev19 batch (16 of its 22 here; 8 of its 12 on-topic questions
    // covered, 4 right first before anything was done for it, but 3 of its 10 off-topic ones answered): 504 and 534
    // of 650 with only 93 % of the off-topic questions declined; a neighbouring field's own vocabulary (glossary
    // `near`: monitoring, alerting and metrics for Prometheus), API version labels (v1) and two everyday words among
    // the documents' tags (hints, reject) no longer anchor, and the calibration moved to 0.23 English, 0.26 Chinese:
    // 494 and 523 of 650. A third pass over the Chinese and mixed questions only: 522 and 545 of 650 (held-out
    // unchanged at 63). A fourth pass over the English questions only: 543 and 560 of 650 (held-out 63 -> 65). A fifth
    // over every remaining miss, each case given to the owner of the section holding its facts: 574 and 583 of 650,
    // but an off-topic question about a Jenkins server's OOM then reached 0.375 (Docker is a subject of the knowledge),
    // and the English calibration moved to 0.25: 568 and 577 of 650 (held-out 65 -> 63). The blind dev20 batch (19 of
    // its 34 questions here) added seven declined English off-topic questions, and the calibration moved back to 0.23;
    // the glossary learnt that Amazon is AWS: 576 and 587 of 659 (held-out 68 of 160). A sixth pass over the misses
    // left (cases two helpers had judged unfixable left out; cases whose fix belongs in another document sent to its
    // owner): 595 and 601 of 659 (held-out 67, top-3 89 -> 90). A seventh over eleven cases whose fix earlier helpers
    // had worked out, and a glossary group for NIC / network interface: 600 and 607 of 659 (held-out 68, top-3 89).
    // The sections holding the weightiest unit, when it is specific and rare, always re-ranked: 602 and 610 (held-out
    // 69, top-3 90). An eighth pass over the questions not in the top three or declined, four helpers each owning
    // their documents, a glossary group for ClusterIP / Service IP and a minikube section (two more covered): 630 and
    // 637 of 661 (held-out 70, top-3 93). The blind dev21 batch (12 of its 19 questions here): 630 and 639 of 666
    // (held-out 72, top-3 95). A ninth pass over dev21's development questions (seven sections): 635 and 642 of 668
    // (held-out 71: one Chinese answer's confidence fell under its threshold as the new text moved word weights).
    // DEVIATION(evaluation): lowered once, on purpose. The blind replay (benchmarks/blind-replay.py: every blind batch
    // against the knowledge it arrived to) found the heading boost fitted to headings written in these questions'
    // words; a long English question's heading matches now weigh 1.25 instead of 2.5 (and the English threshold is
    // the calibration's 0.24): 627 right first here, top-3 unchanged at 642, while the held-out set gains 71 -> 76
    // (top-3 94 -> 99) and the replay 91 -> 95 of 327. The plain second opinion's own best section re-ranked with
    // the dozen: 630 and 645 (held-out 77, top-3 98; the replay 100 of 327, top-3 154). Its agreement with the first
    // section raising a long question's confidence (SectionRanker.AgreementBoost): 631 and 646 (held-out 79, top-3
    // 102; the replay 104, top-3 158). DEVIATION(evaluation): the top-3 floor came down by one, 646 -> 645, when the
    // plain best was sought among the 50 sections the search ranks first instead of every section
    // (SectionRanker.PlainDepth): 0.15-0.35 ms less per real question on 10,000 sections, held-out 78, top-3 103.
    // The blind dev22 batch (12 of its 30 questions here, 8 of them covered, all 8 right first on arrival): 639 and
    // 653 of 676 (held-out 81, top-3 107). A pass over its uncovered development questions (Cilium and host-network
    // Pods, Kube-OVN's ports per Subnet, underlay Pods and conntrack INVALID): 640 and 654 of 679 (held-out 80: a
    // Calico question that never names Calico now gets the Cilium section on the same symptom, below its threshold).
    // The blind dev23 batch (27 of its 39 questions here, 11 of 17 on topic covered, 3 of them right first on
    // arrival; its Elasticsearch readiness question answered until the log stacks joined the neighbouring fields):
    // 643 and 661 of 690 (held-out 81, top-3 109). A pass over its development questions (fourteen sections in ten
    // documents): 653 and 670 of 696 (held-out 78: three answers taken by the new sections; the test set 19 -> 18).
    // A fact naming a release (1.11.1) now matches the release written with its v (v1.11.1): 655 and 672 of 698.
    // The blind dev24 batch (19 of its 26 English questions here, 9 of 14 on topic covered, 4 right first on
    // arrival): 659 and 678 of 707 (held-out 80, top-3 111). A pass over its development questions (fourteen
    // sections in seven documents; a per-node macvlan config example that matched every pasted macvlan config taken
    // out again): 665 and 686 of 712 (held-out 79, top-3 108; the test set 18 -> 17). The blind dev25 batch (20 of
    // its 26 on-topic questions here, 9 covered, 6 right first on arrival): 671 and 692 of 721 (held-out 84, top-3
    // 113). A CPU architecture anchors nothing: one more off-topic question declined. A pass over its development
    // questions (fourteen sections in eleven documents): 685 and 704 of 732 (held-out 82: two answers just under the
    // English threshold as new text moved word weights, one taken by a neighbour; the test set 17 -> 18). The blind
    // dev26 batch (9 of its 12 on-topic English questions here, 4 covered, 2 right first on arrival): 687 and 706 of
    // 736 (held-out 84). A pass over its development questions (seven sections in four documents): 691 and 712 of 742
    // (held-out 85). The blind dev28 batch (17 of its 20 on-topic questions here, 10 covered, 4 right first on
    // arrival) and dev29 (6 of its 10 Chinese and mixed on-topic questions here, 3 covered, none right first on
    // arrival): 695 and 719 of 755 (held-out 87). Passes over both (twenty-one sections in seven documents): 707 and
    // 728 of 765 (held-out 87: one answer taken by a neighbour, one just under its threshold). Issue templates'
    // headings (Info, Additional, summary, details) weigh as narrative: 708 and 730 (held-out 87, replay 145 -> 146).
    // The blind dev30 batch (17 of its 22 on-topic questions here, 13 covered, 5 right first on arrival): 713 and 739
    // of 778 (held-out 87). A pass over its development questions (eleven sections in seven documents; one fact
    // corrected to the kernel's names gc_thresh1/2/3): 726 and 747 of 782 (held-out 90; two Chinese answers moved by
    // the index's word statistics, zhf-14 and dev2-mx-05). The blind dev31 batch (9 of its 14 on-topic questions
    // here, 5 covered, 1 right first on arrival): 727 and 751 of 787 (held-out 91). A pass over its development
    // questions (eight sections in six documents): 735 and 756 of 791 (held-out 88: a held-out Felix health question
    // now gets the new section on Felix's health port taken, two answers just under the English threshold). The
    // blind dev32 batch, joined after a title naming a neighbouring field ties only through the title and image
    // registries became one (6 of its 9 on-topic questions here, 3 covered, 2 right first on arrival): 737 and 758 of
    // 794 (held-out 89). The blind dev33 batch (8 of its 10 on-topic questions here, 5 covered, 1 right first on
    // arrival), with storage and etcd operations as neighbouring fields: 738 and 759 of 799 (held-out 89). A pass over
    // dev32's development questions (four sections in three documents): 739 and 762 of 803 (held-out 88; four answers
    // moved by the index's word statistics, fk-13 to the new GKE intranode-visibility section). The blind dev34 batch
    // (all 8 of its on-topic questions here, 5 covered, 2 right first on arrival): 741 and 764 of 808 (held-out 88). A
    // pass over dev33's development questions in dns.md and troubleshooting.md, with databases and queues as a
    // neighbouring field: 745 and 769 of 811 (held-out 89; dev5-en-04 and dev18-en-09 moved by word statistics). A
    // pass over dev34's development questions and dev33's kube-router one (eight sections in five documents): 750 and
    // 774 of 814 (held-out 88; dev15-en-21 at 0.2399 and dev25-en-08 moved by word statistics). The blind dev35 batch
    // (5 of its 8 on-topic questions here, 4 covered, 2 right first on arrival): 752 and 776 of 818 (held-out 88). A
    // pass over its development questions (three sections in three documents): 756 and 780 of 819 (held-out 88). The
    // blind dev36 batch (12 of its 14 on-topic questions here, 8 covered, 2 right first on arrival): 758 and 783 of 827
    // (held-out 88). A pass over its development questions (eight new sections and four extended, in eight
    // documents, one on iptables' "table is incompatible" message): 769 and 793 of 831 (held-out 90; dev18-en-09 at
    // 0.2397 and dev5-mx-03 moved by word statistics). The blind dev37 batch (6 of its 8 on-topic questions here, 4
    // covered, 1 right first on arrival): 770 and 795 of 835 (held-out 90). A pass over its development questions
    // (four new sections and one extended, in four documents): 777 and 801 of 837 (held-out 90; dev18-en-09 and
    // dev5-mx-03 back by word statistics). The blind dev38 batch (5 of its 6 on-topic questions here, 1 covered, none
    // right first on arrival): 777 and 801 of 838 (held-out 90). A pass over its development questions (four new
    // sections and one extended, in five documents): 782 and 806 of 842 (held-out 88; cld-05 and dev8-en-05 moved).
    // The blind dev39 batch (5 of its 9 on-topic questions here, 4 covered, 1 right first on arrival): 783 and 808
    // of 846 (held-out 90). A pass over its development questions (four new sections in four documents, and
    // kubeadm's certificate lifetimes a neighbouring field): 786 and 812 of 847 (held-out 90; dev5-mx-03 moved).
    // The blind dev40 batch (8 of its 11 on-topic questions here, 4 covered, 2 right first on arrival): 788 and 815
    // of 851 (held-out 91). A pass over its development questions (six new sections in five documents; Helm's
    // template functions, etcd backups and hostPath volumes joined their neighbouring fields): 793 and 818 of 855
    // (held-out 92). The blind dev41 batch (12 of its 15 on-topic questions here, 9 covered, 3 right first on
    // arrival): 796 and 822 of 864 (held-out 92). A pass over its development questions (eight new sections and one
    // rewritten, in nine documents; failed volume attachments joined the storage field): 805 and 830 of 867
    // (held-out 95; dev2-mx-05 moved by word statistics). The blind dev42 batch (10 of its 13 on-topic questions
    // here, 2 covered, 1 right first on arrival): 806 and 831 of 869 (held-out 97). A pass over its development
    // questions (nine new sections in three documents; container base images a neighbouring field): 814 and 838 of
    // 877 (held-out 97; dev2-en-19 and dev3-en-01 fell just under the threshold by word statistics). The blind
    // dev43 batch (2 on-topic questions, both covered, neither right first on arrival): 814 and 838 of 879. A pass
    // over it (two new sections, one bullet corrected; sources read from the projects' repositories): 816 and 840.
    // The blind batches dev44 to dev48, each measured on arrival and then given a knowledge pass (docs/search.md has
    // each round's figures): 817 and 842 of 883 with dev44, 821 and 844 after its pass; 822/845 of 887 with dev45,
    // 827/849 of 888 after; 829/851 of 891 with dev46, 838/859 of 897 after; 839/861 of 901 with dev47, 846/867 of 905
    // after; 847/868 of 906 with dev44's OVN-Kubernetes question answered; 847/869 of 907 with dev48, 852 and 873 of
    // 911 after its pass. dev49 to dev51 (neighbouring fields added with dev49): 858/881 of 925; one pass over dev49
    // and dev50: 869 and 892 of 933; one over dev51: 875 and 899 of 938; 876/900 of 940 with dev52, 883 and 906 of
    // 945 after its pass; 883/906 of 946 with dev53, 890 and 916 of 954 after its pass; 893/921 of 960 with dev54,
    // 897 and 923 of 961 after its pass; 899/926 of 967 with dev55, 902/928 after its pass, 898 and 924 once its
    // English off-topic questions moved the English threshold from 0.24 to 0.25.
    private const int FloorTop1 = 898;
    private const int FloorTop3 = 924;

    // DEVIATION(evaluation): was 1.0 while only 31 questions were covered and the threshold kept answers rare. The
    // threshold is now calibrated for the best precision/recall balance that still declines at least 95 % of off-topic
    // questions (EvaluationReport.Calibrated); at 0.28 two of 50 are answered (a Grafana "no data" question that the
    // CNI dashboard section shares dashboard words with, and an ingress-nginx 404 on AKS).
    private const double FloorOffTopicDeclined = 0.95;
    private const int FloorCovered = 967;

    /// <summary>
    /// The configured threshold's F1 may lie this far below the best one the development set finds. The curve is flat
    /// near its top (Chinese on 2026-12-06: F1 0.626 at 0.22, 0.628 at 0.33), so where exactly its maximum lies moves
    /// with every batch of questions; how good the configured balance is does not.
    /// </summary>
    private const double F1Tolerance = 0.01;

    [Fact]
    public void DevelopmentSet_IsRealQuestions_WithSourcesAndCheckedFacts()
    {
        var questions = QuestionSets.Load("real.yaml");

        var onTopic = questions.Where(q => !q.OffTopic).ToArray();
        Assert.True(onTopic.Length >= 150, $"{onTopic.Length} on-topic questions");
        Assert.True(onTopic.Count(q => q.Group == QuestionGroup.Zh) >= 50);
        Assert.True(onTopic.Count(q => q.Group == QuestionGroup.Mixed) >= 25);
        Assert.True(questions.Count(q => q.OffTopic) >= 30);
        Assert.All(questions, q => Assert.True(Uri.TryCreate(q.Source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp), $"{q.Id}: source {q.Source}"));
        Assert.All(onTopic, q => Assert.InRange(q.Facts.Count, 1, 3));
        Assert.All(onTopic, q => Assert.NotEmpty(q.Checked));
        Assert.Equal(questions.Count, questions.Select(q => q.Source).Distinct().Count());
        Assert.Empty(questions.Select(q => q.Source).Intersect(QuestionSets.Load("heldout.yaml").Select(q => q.Source)));
    }

    [Fact]
    public void HeldOutAndTestSets_AreRealQuestions_DisjointFromEveryOtherSet()
    {
        string[] files = ["real.yaml", "heldout.yaml", "test.yaml"];
        var sets = files.ToDictionary(f => f, QuestionSets.Load);
        foreach (var file in files[1..])
        {
            var questions = sets[file];
            Assert.All(questions, q => Assert.True(Uri.TryCreate(q.Source, UriKind.Absolute, out var uri) && uri.AbsolutePath.Length > 1 && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp), $"{file} {q.Id}: source {q.Source}"));
            Assert.All(questions.Where(q => !q.OffTopic), q => Assert.InRange(q.Facts.Count, 1, 3));
            Assert.All(questions.Where(q => !q.OffTopic), q => Assert.NotEmpty(q.Checked));
            Assert.Contains(questions, q => q.OffTopic);
            Assert.Contains(questions, q => q.Group == QuestionGroup.Zh);
            Assert.Contains(questions, q => q.Group == QuestionGroup.Mixed);
        }

        var all = sets.Values.SelectMany(q => q).ToArray();
        Assert.Equal(all.Length, all.Select(q => q.Source).Distinct().Count());
        Assert.Equal(all.Length, all.Select(q => q.Id).Distinct().Count());
    }

    [Fact]
    public void DevelopmentSet_StaysAboveItsFloors_AndAheadOfTheNaiveBaseline()
    {
        var knowledge = KnowledgeLoader.Load(Repository.Knowledge);
        var report = Evaluator.Run(knowledge, QuestionSets.Load("real.yaml"));
        QuestionSets.Write(output, report);

        var all = report.Score(null);
        var declined = (double)report.OffTopicDeclined / report.OffTopicCount;
        Assert.True(all.Covered >= FloorCovered, $"only {all.Covered} questions are covered by the knowledge (floor {FloorCovered})");
        Assert.True(all.Top1 >= FloorTop1, $"top-1 {all.Top1} ({all.Top1Rate:P1}) < floor {FloorTop1}");
        Assert.True(all.Top3 >= FloorTop3, $"top-3 {all.Top3} ({all.Top3Rate:P1}) < floor {FloorTop3}");
        Assert.True(declined >= FloorOffTopicDeclined, $"off-topic declined {declined:P1} < floor {FloorOffTopicDeclined:P0}");
        Assert.True(all.Top1 > all.BaselineTop1, $"top-1 {all.Top1} is not ahead of the naive baseline's {all.BaselineTop1}");
    }

    [Fact]
    public void ConfiguredThreshold_BalancesPrecisionAndRecallAsWellAsTheCalibratedOne()
    {
        var knowledge = KnowledgeLoader.Load(Repository.Knowledge);
        var report = Evaluator.Run(knowledge, QuestionSets.Load("real.yaml"));

        var configured = new SearchOptions().Thresholds;
        foreach (var language in EvaluationReport.Languages)
        {
            var calibrated = report.Calibrated(language);
            var at = report.Calibration(language).Single(p => Math.Abs(p.Threshold - configured.For(language)) < 1e-9);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language}: calibrated {calibrated.Threshold:0.00} (F1 {calibrated.F1:0.000}, precision {calibrated.Precision:P1}, recall {calibrated.Recall:P1}, off-topic declined {calibrated.OffTopicDeclined:P1}); configured {configured.For(language):0.00} (F1 {at.F1:0.000}, off-topic declined {at.OffTopicDeclined:P1})"));
            Assert.True(at.F1 >= calibrated.F1 - F1Tolerance, $"{language}: F1 {at.F1:0.000} at the configured {configured.For(language):0.00}, {calibrated.F1:0.000} at the calibrated {calibrated.Threshold:0.00}");
            Assert.True(at.OffTopicDeclined >= EvaluationReport.RequiredOffTopicDeclined, $"{language}: off-topic declined {at.OffTopicDeclined:P1} at the configured threshold");
        }
    }

    [Fact]
    public void HeldOutSet_IsScored_AndItsOffTopicQuestionsDeclined()
    {
        var report = Scored("heldout.yaml");

        // No top-1 floor: the set is for seeing whether tuning on real.yaml carries over, and it is reported (on
        // 2026-12-05 it did not: 16/47 against the naive baseline's 21/47; 18/47 against 18/47 that evening).
        // Off-topic questions are declined, except fifteen known and tracked (issue 14): offh-04 (ingress-nginx's
        // proxy-body-size annotation) gets the section on keeping the client source IP behind a cloud load balancer at
        // 0.36, a wrong answer, at the English threshold's edge; dev16-off-e1 (a GKE pod that cannot pull from Google
        // Container Registry for want of credentials, added blind on 2026-12-06) gets the section on private GKE nodes
        // that cannot pull images without Cloud NAT at 0.56, the networking cause of the same symptom but not the
        // asker's; dev25-off-e7 (a Redash chart's Postgres pod in a crash loop over its data directory's permissions,
        // added blind on 2026-12-07) gets the section on CoreDNS crash-looping after kubeadm init at 0.31 through
        // "loop", "crash" and CrashLoopBackOff, a wrong answer; dev28-off-e14 (cri-dockerd pulling the pause image from
        // a private registry without credentials, added blind on 2026-12-07) gets the Chinese section on dual-stack
        // Pods under cri-dockerd at 0.43 through cri-dockerd and the sandbox, a wrong answer; dev31-off-z4 (a Java
        // client in a Docker container that cannot reach its Apollo config server, added blind on 2026-12-07) gets the
        // Chinese section on minikube's Docker driver and NodePort addresses at 0.31 through Docker and the unreachable
        // address, a wrong answer; dev32-off-e2 (eksctl refused eks:DescribeClusterVersions by IAM, added blind on
        // 2026-12-07) gets the section on the AWS VPC CNI's IAM permissions at 0.32 through IAM and EKS, the right
        // service but not the asker's task; three of dev34 (added blind on 2026-12-07): dev34-off-e1 (containerd's `ctr`
        // refused a private registry's certificate) gets the section on Pod networking broken after an upgrade at 0.34,
        // dev34-off-e3 (Flux's "HorizontalPodAutoscaler/podinfo not found") gets Calico's section on nodes NotReady
        // with "cni plugin not initialized" at 0.96 through "the server could not find the requested resource" (the
        // glossary's HPA group names HPA, not the kind HorizontalPodAutoscaler), and dev34-off-z1 (Higress's
        // default-backend annotation) gets the Chinese NetworkPolicy troubleshooting section at 0.35: all wrong answers;
        // dev36-off-e3 (an nginx.org annotation on the community ingress controller, added blind on 2026-12-07) gets
        // the section on the Azure load balancer marking an AKS Service unhealthy at 0.42, anchored by "annotations"
        // (a tag of the QoS document), a wrong answer; dev37-off-e11 (AKS refused by Azure Container Registry,
        // "unauthorized: authentication required", added blind on 2026-12-07) gets the section on GKE private clusters
        // that cannot pull images without Cloud NAT at 0.26, anchored by "docker", a wrong answer (the knowledge names
        // no cloud registry; the glossary's registry field does not either, and held-out questions are not tuned on).
        // Two of dev40 (added blind on 2026-12-07, 20h30): dev40-off-e6 (renewing kubespray's certificates: "How to
        // renew certificate?", then `kubeadm certs renew all`) gets the section on x509 errors after a Service CIDR
        // change at 0.41 (the certificate field names "certs renew", which this question says only after its title),
        // and dev40-off-e8 (Harbor's certificate "doesn't contain any IP SANs") gets the section on CoreDNS failing to
        // parse a certificate at 0.30: both wrong answers. dev31-off-e2 (Helm refusing to adopt a Deployment made with
        // kubectl apply, "invalid ownership metadata", on EKS), declined at 0.20 until the knowledge pass over dev40,
        // then gets the AWS VPC CNI troubleshooting order at 0.31 by word statistics (the same section, anchored by
        // "EKS"; the Helm field names no `helm upgrade`, and held-out questions are not tuned on): a wrong answer.
        // dev42-off-e10 ("no matching manifest" pulling a Windows Server 2022 nanoserver image on Windows 10, added
        // blind on 2026-12-07, 21h05) gets the section on kube-flannel's Windows DaemonSet stuck in ContainerCreating at
        // 0.46 through Windows and the image: a wrong answer.
        // Declined since they were listed: off-39, dev14-off-14, dev15-off-z5 and dev21-off-e4 (by 2026-12-07). Any
        // other off-topic answer fails.
        Assert.True(report.Outcomes.Count >= 99);
        string[] known = ["offh-04", "dev16-off-e1", "dev25-off-e7", "dev28-off-e14", "dev31-off-z4", "dev32-off-e2", "dev34-off-e1", "dev34-off-e3", "dev34-off-z1", "dev36-off-e3", "dev37-off-e11", "dev40-off-e6", "dev40-off-e8", "dev31-off-e2", "dev42-off-e10"];
        var answered = report.OffTopic.Where(o => o.AnsweredAt(report.Thresholds)).Select(o => o.Question.Id);
        Assert.Empty(answered.Except(known));
    }

    [Fact]
    public void TestSet_IsScored()
    {
        // Reported only: what the product gets on questions never used to choose between changes (no floor, so that
        // nobody is tempted to tune on it).
        var report = Scored("test.yaml");

        Assert.True(report.Outcomes.Count >= 60);
        Assert.Equal(report.Outcomes.Count, report.Outcomes.Count(o => o.Question.OffTopic || o.Top is not null));
    }

    /// <summary>The set's report on the shipped knowledge, also written to the test output.</summary>
    private EvaluationReport Scored(string file)
    {
        var report = Evaluator.Run(KnowledgeLoader.Load(Repository.Knowledge), QuestionSets.Load(file));
        QuestionSets.Write(output, report);
        return report;
    }
}
