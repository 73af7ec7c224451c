"""Chart builders: pure functions from a DataFrame to a plotly Figure, the NHS theme and the
layout every chart shares, and titles that state the finding.
"""
