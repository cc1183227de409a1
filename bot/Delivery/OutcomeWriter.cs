namespace StudyBot.Delivery;

/// <summary>
/// Writes send outcomes as they come in, many to one save: whoever adds one waits until it is stored. A send's permit
/// is held until then, so the messages sent but not yet recorded are never more than the sends in flight, and that
/// bounds what a killed process can make a later worker send twice.
/// </summary>
internal sealed class OutcomeWriter(Func<IReadOnlyDictionary<Guid, DeliveryOutcome>, Task> write)
{
    private readonly object _gate = new();
    private Dictionary<Guid, DeliveryOutcome> _pending = [];
    private TaskCompletionSource? _next;
    private bool _writing;

    public Task AddAsync(Guid rowId, DeliveryOutcome outcome)
    {
        lock (_gate)
        {
            _pending[rowId] = outcome;
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var written = _next.Task;
            if (!_writing)
            {
                _writing = true;
                _ = Task.Run(WriteAllAsync);
            }
            return written;
        }
    }

    private async Task WriteAllAsync()
    {
        while (true)
        {
            Dictionary<Guid, DeliveryOutcome> batch;
            TaskCompletionSource done;
            lock (_gate)
            {
                if (_pending.Count == 0) { _writing = false; return; }
                (batch, _pending) = (_pending, []);
                (done, _next) = (_next!, null);
            }
            try
            {
                await write(batch);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }
    }
}
