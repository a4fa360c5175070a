/**
 * The flash-sale demo: {@link dev.stockbridge.examples.demo.FlashSaleDemo} runs a whole sale on the
 * embedded default and prints a summary with the drift per SKU.
 */
package dev.stockbridge.examples.demo;
