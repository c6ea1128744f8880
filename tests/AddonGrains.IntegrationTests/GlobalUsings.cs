global using AddonGrains.IntegrationTests.Infrastructure;
global using Xunit;
global using AddonGrains.Testing;
