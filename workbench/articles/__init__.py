"""Articles: plain-text parsing with metadata, and sentence segmentation."""
