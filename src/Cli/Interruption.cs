using System;
using System.Threading;

namespace MultiCloud.Cli
{
    /// <summary>
    /// What Ctrl+C does. During an engine run the first press cancels the run's token, so the engine stops its steps
    /// and records how far it got; a second press ends the process. Outside a run (reading, planning, a prompt)
    /// nothing is in flight, so the first press ends the process at once.
    /// </summary>
    public sealed class Interruption : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private int _activeRuns;
        private int _presses;

        public Interruption(CancellationToken outer = default) => _source = CancellationTokenSource.CreateLinkedTokenSource(outer);

        public CancellationToken Token => _source.Token;

        /// <summary>Marks an engine run in progress until the returned scope is disposed.</summary>
        public IDisposable EnterRun()
        {
            Interlocked.Increment(ref _activeRuns);
            return new RunScope(this);
        }

        /// <summary>Handles one Ctrl+C; true when the process should live on to let the run stop in order.</summary>
        public bool TryCancelRun()
        {
            if (Volatile.Read(ref _activeRuns) == 0) return false;
            if (Interlocked.Increment(ref _presses) > 1) return false;
            _source.Cancel();
            return true;
        }

        public void Dispose() => _source.Dispose();

        private sealed class RunScope : IDisposable
        {
            private Interruption? _owner;

            public RunScope(Interruption owner) => _owner = owner;

            public void Dispose()
            {
                var owner = Interlocked.Exchange(ref _owner, null);
                if (owner is not null) Interlocked.Decrement(ref owner._activeRuns);
            }
        }
    }
}
