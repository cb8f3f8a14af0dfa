package dev.holdfast.orchestrator.cli;

public final class Holdfast {
    public static void main(String[] args) {
        System.out.println("holdfast");
    }
}
