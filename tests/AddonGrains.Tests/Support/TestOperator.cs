namespace AddonGrains.Tests.Support;

/// <summary>The operator of manual actions in tests that are not about the audit trail.</summary>
public static class TestOperator
{
    public static OperatorRequest Request { get; } = new("test", "tester", "test-host", null);
}
