global using Xunit;
global using AddonGrains.Testing;
