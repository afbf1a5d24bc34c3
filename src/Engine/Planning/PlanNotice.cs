namespace MultiCloud.Engine.Planning
{
    /// <summary>What a plan notice is about.</summary>
    public enum PlanNoticeKind
    {
        /// <summary>A provider whose firewall lets anyone on the internet try SSH.</summary>
        OpenSsh,
        /// <summary>Every node of a load balancer fails its port check; its DNS records keep them all.</summary>
        LoadBalancerDown,
        /// <summary>A node the refresh could not reach; its drift is unknown.</summary>
        Unreachable,
        /// <summary>A node the refresh did not try or could not read.</summary>
        NotChecked,
        /// <summary>Two mesh members whose tunnel has not handshaken for too long.</summary>
        StaleHandshake,
        /// <summary>A joined node Kubernetes does not call Ready, or the API not answering on any control node.</summary>
        KubernetesNotReady,
        /// <summary>Cloud catalogues the plan could not ask whether the pools' regions and server types exist (no credentials).</summary>
        CatalogNotChecked,
    }

    /// <summary>
    /// Something the user should know before running a plan, which no task of it changes: what the refresh found
    /// ("compute-2 is unreachable: …", a node Kubernetes does not call Ready) and what planning saw (SSH open to the
    /// internet, every node of a load balancer down). Front ends show them with the plan, as warnings.
    /// </summary>
    public sealed record PlanNotice(PlanNoticeKind Kind, string Subject, string Message);
}
