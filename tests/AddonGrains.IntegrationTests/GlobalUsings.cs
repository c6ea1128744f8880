global using AddonGrains.IntegrationTests.Infrastructure;
global using Xunit;
