namespace MultiCloud.Engine.Planning
{
    /// <summary>Ways a host can differ from what MultiCloud recorded and configured there.</summary>
    public enum DriftKind
    {
        /// <summary>A managed file's hash differs from the one recorded when MultiCloud wrote it.</summary>
        FileChanged,
        /// <summary>A managed file MultiCloud wrote is gone.</summary>
        FileMissing,
        /// <summary>The layer is applied but the state has no hash of the file (written by a version before refresh).</summary>
        FileNotRecorded,
        /// <summary>A managed unit is not active.</summary>
        ServiceInactive,
        /// <summary>A managed unit is not enabled, so it would not come back after a reboot.</summary>
        ServiceDisabled,
        /// <summary>The unit is active but the WireGuard interface is gone.</summary>
        InterfaceMissing,
        /// <summary>A mesh member is not a peer of the live interface.</summary>
        PeerMissing,
        /// <summary>The live interface has a peer that is no member of the mesh.</summary>
        PeerUnexpected,
    }

    /// <summary>
    /// One difference a refresh found on a node, with the repair it needs: "restart wg-quick@wg0 on compute-1:
    /// service inactive". <see cref="Subject"/> is the file, unit or peer it is about.
    /// </summary>
    public sealed record Drift(string Node, ClusterLayer Layer, DriftKind Kind, string Subject, string Repair, string Reason)
    {
        public string Describe() => Repair + " on " + Node + ": " + Reason;

        public override string ToString() => Describe();
    }
}
