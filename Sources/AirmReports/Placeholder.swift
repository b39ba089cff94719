import AirmEngine
