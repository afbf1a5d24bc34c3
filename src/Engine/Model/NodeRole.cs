namespace MultiCloud.Engine.Model
{
    /// <summary>What a node is for; a pool's role follows from where the cluster lists it.</summary>
    public enum NodeRole
    {
        Control,
        Compute,
        LoadBalancer,
    }
}
